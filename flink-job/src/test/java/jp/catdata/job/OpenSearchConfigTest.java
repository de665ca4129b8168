package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import jp.catdata.opensearch.OpenSearchSettings;
import org.junit.jupiter.api.Test;

class OpenSearchConfigTest {

    private static final String GROUP = "CatData.OpenSearch";

    private static Map<String, Properties> group(String... settings) {
        Properties properties = new Properties();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            properties.setProperty(setting.substring(0, equals), setting.substring(equals + 1));
        }
        Map<String, Properties> groups = new HashMap<>();
        groups.put(GROUP, properties);
        return groups;
    }

    @Test
    void noGroupMeansSinkOff() {
        assertThat(JobConfig.fromPropertyGroups(Map.of()).openSearch).isNull();
    }

    @Test
    void noEndpointMeansSinkOff() {
        JobConfig c = JobConfig.fromPropertyGroups(group("opensearch.bulk.max-actions=10"));
        assertThat(c.openSearch).isNull();
    }

    @Test
    void endpointAloneGivesDefaults() {
        OpenSearchSettings s =
                JobConfig.fromPropertyGroups(group("opensearch.endpoint=http://127.0.0.1:9200"))
                        .openSearch;
        assertThat(s.endpoint).isEqualTo("http://127.0.0.1:9200");
        assertThat(s.indexPrefix).isEqualTo("cat-data");
        assertThat(s.numberOfReplicas).isEqualTo(1);
        assertThat(s.auth).isEqualTo(OpenSearchSettings.Auth.NONE);
        assertThat(s.awsRegion).isNull();
        assertThat(s.bulkMaxActions).isEqualTo(1000);
        assertThat(s.bulkMaxSizeMb).isEqualTo(5);
        assertThat(s.bulkFlushIntervalMs).isEqualTo(1000);
        assertThat(s.backoff).isEqualTo(OpenSearchSettings.Backoff.EXPONENTIAL);
        assertThat(s.backoffMaxRetries).isEqualTo(5);
        assertThat(s.backoffDelayMs).isEqualTo(1000);
        assertThat(s.connectionTimeoutMs).isEqualTo(5000);
        assertThat(s.socketTimeoutMs).isEqualTo(30000);
    }

    @Test
    void everyPropertyRead() {
        OpenSearchSettings s =
                JobConfig.fromPropertyGroups(
                                group(
                                        "opensearch.endpoint=https://search.example.jp",
                                        "opensearch.index-prefix=city_131067",
                                        "opensearch.index.number-of-replicas=0",
                                        "opensearch.auth=AWS-SIGV4",
                                        "opensearch.aws-region=ap-northeast-1",
                                        "opensearch.bulk.max-actions=250",
                                        "opensearch.bulk.max-size-mb=2",
                                        "opensearch.bulk.flush-interval=PT0.5S",
                                        "opensearch.backoff.type=constant",
                                        "opensearch.backoff.max-retries=3",
                                        "opensearch.backoff.delay=PT2S",
                                        "opensearch.connection-timeout=PT3S",
                                        "opensearch.socket-timeout=PT1M"))
                        .openSearch;

        assertThat(s.endpointUri().toString()).isEqualTo("https://search.example.jp:443");
        assertThat(s.indexPrefix).isEqualTo("city_131067");
        assertThat(s.numberOfReplicas).isZero();
        assertThat(s.auth).isEqualTo(OpenSearchSettings.Auth.AWS_SIGV4);
        assertThat(s.awsRegion).isEqualTo("ap-northeast-1");
        assertThat(s.bulkMaxActions).isEqualTo(250);
        assertThat(s.bulkMaxSizeMb).isEqualTo(2);
        assertThat(s.bulkFlushIntervalMs).isEqualTo(500);
        assertThat(s.backoff).isEqualTo(OpenSearchSettings.Backoff.CONSTANT);
        assertThat(s.backoffMaxRetries).isEqualTo(3);
        assertThat(s.backoffDelayMs).isEqualTo(2000);
        assertThat(s.connectionTimeoutMs).isEqualTo(3000);
        assertThat(s.socketTimeoutMs).isEqualTo(60000);
    }

    @Test
    void invalidValuesRejected() {
        // Property, invalid value.
        String[][] cases = {
            {"opensearch.endpoint", "127.0.0.1:9200"},
            {"opensearch.endpoint", "http://127.0.0.1:9200/search"},
            {"opensearch.index-prefix", "Cat-Data"},
            {"opensearch.index-prefix", "-cats"},
            {"opensearch.index.number-of-replicas", "-1"},
            {"opensearch.auth", "basic"},
            {"opensearch.bulk.max-actions", "0"},
            {"opensearch.bulk.max-size-mb", "101"},
            {"opensearch.bulk.flush-interval", "1s"},
            {"opensearch.bulk.flush-interval", "PT0S"},
            {"opensearch.backoff.type", "linear"},
            {"opensearch.backoff.max-retries", "0"},
            {"opensearch.backoff.delay", "PT0S"},
            {"opensearch.socket-timeout", "30"},
        };
        for (String[] c : cases) {
            Map<String, Properties> groups =
                    group("opensearch.endpoint=http://127.0.0.1:9200", c[0] + "=" + c[1]);
            assertThatThrownBy(() -> JobConfig.fromPropertyGroups(groups))
                    .as(c[0] + "=" + c[1])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + c[0] + "'")
                    .hasMessageContaining("'" + GROUP + "'")
                    .hasMessageContaining(c[1])
                    .hasMessageContaining("expected");
        }
    }

    @Test
    void sigV4WithoutRegionRejected() {
        Map<String, Properties> groups =
                group("opensearch.endpoint=https://search.example.jp", "opensearch.auth=aws-sigv4");
        assertThatThrownBy(() -> JobConfig.fromPropertyGroups(groups))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'opensearch.aws-region'")
                .hasMessageContaining("missing");
    }

    @Test
    void unknownPropertyRejected() {
        Map<String, Properties> groups =
                group("opensearch.endpoint=http://127.0.0.1:9200", "opensearch.bulk.max-action=5");
        assertThatThrownBy(() -> JobConfig.fromPropertyGroups(groups))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown property 'opensearch.bulk.max-action'")
                .hasMessageContaining("opensearch.bulk.max-actions");
    }

    @Test
    void unknownGroupMessageNamesOpenSearch() {
        Map<String, Properties> groups = new HashMap<>();
        groups.put("CatData.OpenSerch", new Properties());
        assertThatThrownBy(() -> JobConfig.fromPropertyGroups(groups))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(GROUP);
    }
}
