package jp.catdata.infra.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication;

class ApplicationPropertiesTest {

    private static final String LOCAL_GROUPS =
            """
            [
              {"PropertyGroupId": "CatData.Source",
               "PropertyMap": {"source.type": "simulator", "simulator.cats": "40"}},
              {"PropertyGroupId": "CatData.Processing",
               "PropertyMap": {"time-zone": "Asia/Tokyo", "geohash-precision": 7}},
              {"PropertyGroupId": "CatData.Output",
               "PropertyMap": {"output.path": "warehouse"}}
            ]
            """;

    @Test
    void parseKeepsGroupsAndValues() {
        Map<String, Map<String, String>> groups =
                ApplicationProperties.parse(LOCAL_GROUPS, "test.json");

        assertThat(groups.keySet())
                .containsExactly("CatData.Source", "CatData.Processing", "CatData.Output");
        assertThat(groups.get("CatData.Source"))
                .containsExactly(
                        Map.entry("source.type", "simulator"), Map.entry("simulator.cats", "40"));
        // Numbers become text, as the managed runtime hands every value to the job as a string.
        assertThat(groups.get("CatData.Processing")).containsEntry("geohash-precision", "7");
    }

    @Test
    void parseMergesRepeatedGroup() {
        Map<String, Map<String, String>> groups =
                ApplicationProperties.parse(
                        """
                        [{"PropertyGroupId": "G", "PropertyMap": {"a": "1", "b": "2"}},
                         {"PropertyGroupId": "G", "PropertyMap": {"b": "3"}}]
                        """,
                        "test.json");

        assertThat(groups).isEqualTo(Map.of("G", Map.of("a", "1", "b", "3")));
    }

    @Test
    void overridesSetOnlyAwsValues() {
        Map<String, Map<String, String>> merged =
                ApplicationProperties.merge(
                        ApplicationProperties.parse(LOCAL_GROUPS, "test.json"),
                        ApplicationProperties.awsOverrides("ap-northeast-1"));

        assertThat(merged.get("CatData.Source"))
                .containsExactly(
                        Map.entry("source.type", "kinesis"),
                        Map.entry("simulator.cats", "40"),
                        Map.entry("kinesis.stream-name", "cat-position-stream"),
                        Map.entry("aws.region", "ap-northeast-1"));
        assertThat(merged.get("CatData.Processing"))
                .containsExactly(
                        Map.entry("time-zone", "Asia/Tokyo"), Map.entry("geohash-precision", "7"));
        assertThat(merged.get("CatData.Output"))
                .containsExactly(Map.entry("output.path", "s3://cat-data-v21/curated"));
    }

    @Test
    void openSearchOverridesSignForRegion() {
        Map<String, Map<String, String>> overrides =
                ApplicationProperties.openSearchOverrides(
                        "ap-northeast-1",
                        "vpc-cat-search-domain-abc.ap-northeast-1.es.amazonaws.com");
        assertThat(overrides).containsOnlyKeys("CatData.OpenSearch");
        assertThat(overrides.get("CatData.OpenSearch"))
                .containsExactly(
                        Map.entry(
                                "opensearch.endpoint",
                                "https://vpc-cat-search-domain-abc.ap-northeast-1.es.amazonaws.com"),
                        Map.entry("opensearch.auth", "aws-sigv4"),
                        Map.entry("opensearch.aws-region", "ap-northeast-1"));
    }

    @Test
    void mergeLeavesBaseUnchanged() {
        Map<String, Map<String, String>> base =
                ApplicationProperties.parse(LOCAL_GROUPS, "test.json");

        ApplicationProperties.merge(base, ApplicationProperties.awsOverrides("us-east-1"));

        assertThat(base.get("CatData.Source")).containsEntry("source.type", "simulator");
    }

    @Test
    void toPropertyGroupsKeepsOrder() {
        List<CfnApplication.PropertyGroupProperty> groups =
                ApplicationProperties.toPropertyGroups(
                        ApplicationProperties.parse(LOCAL_GROUPS, "test.json"));

        assertThat(groups)
                .extracting(CfnApplication.PropertyGroupProperty::getPropertyGroupId)
                .containsExactly("CatData.Source", "CatData.Processing", "CatData.Output");
        assertThat(groups.get(2).getPropertyMap()).isEqualTo(Map.of("output.path", "warehouse"));
    }

    @Test
    void rejectTooManyProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < 51; i++) {
            properties.put("key" + i, "value");
        }

        assertThatThrownBy(() -> ApplicationProperties.toPropertyGroups(Map.of("Big", properties)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("property group Big has 51 properties");
    }

    @Test
    void rejectNonArray() {
        assertThatThrownBy(() -> ApplicationProperties.parse("{}", "props.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("props.json must be a JSON array");
    }

    @Test
    void rejectEntryWithoutMap() {
        assertThatThrownBy(
                        () ->
                                ApplicationProperties.parse(
                                        "[{\"PropertyGroupId\": \"G\"}]", "props.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"PropertyMap\"");
    }

    @Test
    void rejectInvalidJson() {
        assertThatThrownBy(() -> ApplicationProperties.parse("[{", "props.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("props.json are not valid JSON");
    }
}
