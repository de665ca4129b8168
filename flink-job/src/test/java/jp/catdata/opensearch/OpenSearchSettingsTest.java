package jp.catdata.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OpenSearchSettingsTest {

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void monthlyIndexFollowsUtcMonth() {
        OpenSearchSettings s = new OpenSearchSettings();
        // 2026-06-30T23:00Z is already July in Tokyo, but the name follows UTC.
        assertThat(s.cellDensityIndex(ms("2026-06-30T23:00:00Z")))
                .isEqualTo("cat-data-cell-density-2026.06");
        assertThat(s.cellDensityIndex(ms("2026-07-01T00:00:00Z")))
                .isEqualTo("cat-data-cell-density-2026.07");
        assertThat(s.catMovementIndex(ms("2017-12-31T23:59:59.999Z")))
                .isEqualTo("cat-data-cat-movement-2017.12");
    }

    @Test
    void prefixStartsEveryName() {
        OpenSearchSettings s = new OpenSearchSettings();
        s.indexPrefix = "test";
        assertThat(s.latestPositionIndex()).isEqualTo("test-cat-latest");
        assertThat(s.cellDensityIndex(0)).isEqualTo("test-cell-density-1970.01");
        assertThat(s.catMovementIndex(0)).isEqualTo("test-cat-movement-1970.01");
    }

    @Test
    void endpointPortDefaultsFromScheme() {
        OpenSearchSettings s = new OpenSearchSettings();
        s.endpoint = "http://localhost";
        assertThat(s.endpointUri().toString()).isEqualTo("http://localhost:80");
        s.endpoint = "HTTPS://vpc-cats.ap-northeast-1.es.amazonaws.com/";
        assertThat(s.endpointUri().toString())
                .isEqualTo("https://vpc-cats.ap-northeast-1.es.amazonaws.com:443");
        s.endpoint = "http://127.0.0.1:9200";
        assertThat(s.endpointUri().toString()).isEqualTo("http://127.0.0.1:9200");
    }
}
