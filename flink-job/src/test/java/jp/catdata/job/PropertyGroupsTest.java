package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PropertyGroupsTest {

    private static Map<String, Properties> parse(String json) throws IOException {
        return PropertyGroups.fromJson(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "local.json");
    }

    private static Properties properties(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void readsGroups() throws Exception {
        Map<String, Properties> groups =
                parse(
                        "[{\"PropertyGroupId\": \"CatData.Source\","
                                + " \"PropertyMap\": {\"source.type\": \"file\","
                                + " \"simulator.cats\": 40}},"
                                + " {\"PropertyGroupId\": \"CatData.Output\","
                                + " \"PropertyMap\": {\"output.path\": \"out\"}}]");
        assertThat(groups).containsOnlyKeys("CatData.Source", "CatData.Output");
        assertThat(groups.get("CatData.Source").getProperty("source.type")).isEqualTo("file");
        // A JSON number is read as its text, because the managed runtime passes only strings.
        assertThat(groups.get("CatData.Source").getProperty("simulator.cats")).isEqualTo("40");
        assertThat(groups.get("CatData.Output").getProperty("output.path")).isEqualTo("out");
    }

    @Test
    void repeatedGroupIdsCombine() throws Exception {
        Map<String, Properties> groups =
                parse(
                        "[{\"PropertyGroupId\": \"G\","
                                + " \"PropertyMap\": {\"a\": \"1\", \"b\": \"1\"}},"
                                + " {\"PropertyGroupId\": \"G\","
                                + " \"PropertyMap\": {\"b\": \"2\"}}]");
        assertThat(groups.get("G").getProperty("a")).isEqualTo("1");
        assertThat(groups.get("G").getProperty("b")).isEqualTo("2");
    }

    @Test
    void emptyArrayGivesNoGroups() throws Exception {
        assertThat(parse("[]")).isEmpty();
    }

    @Test
    void invalidJsonRejected() {
        assertThatThrownBy(() -> parse("[{\"PropertyGroupId\": "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("local.json")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void nonArrayRejected() {
        for (String json : new String[] {"{\"PropertyGroupId\": \"G\"}", "42", ""}) {
            assertThatThrownBy(() -> parse(json))
                    .as(json)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("local.json")
                    .hasMessageContaining("JSON array");
        }
    }

    @Test
    void entryWithoutPropertyMapRejected() {
        assertThatThrownBy(() -> parse("[{\"PropertyGroupId\": \"CatData.Source\"}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("local.json")
                .hasMessageContaining("\"PropertyMap\"")
                .hasMessageContaining("CatData.Source");
    }

    @Test
    void entryWithBadTypesRejected() {
        for (String json :
                new String[] {
                    "[{\"PropertyGroupId\": 7, \"PropertyMap\": {}}]",
                    "[{\"PropertyGroupId\": \"G\", \"PropertyMap\": [\"a\"]}]",
                    "[{\"PropertyMap\": {}}]",
                    "[\"G\"]"
                }) {
            assertThatThrownBy(() -> parse(json))
                    .as(json)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"PropertyGroupId\"");
        }
    }

    @Test
    void mergeOverridesWin() {
        Map<String, Properties> base = new HashMap<>();
        base.put("CatData.Source", properties("source.type", "simulator", "simulator.cats", "40"));
        base.put("CatData.Output", properties("output.path", "warehouse"));
        Map<String, Properties> overrides = new HashMap<>();
        overrides.put("CatData.Source", properties("simulator.cats", "3"));
        overrides.put("CatData.Processing", properties("time-zone", "Europe/London"));

        Map<String, Properties> merged = PropertyGroups.merge(base, overrides);

        assertThat(merged)
                .containsOnlyKeys("CatData.Source", "CatData.Output", "CatData.Processing");
        assertThat(merged.get("CatData.Source").getProperty("simulator.cats")).isEqualTo("3");
        assertThat(merged.get("CatData.Source").getProperty("source.type")).isEqualTo("simulator");
        assertThat(merged.get("CatData.Output").getProperty("output.path")).isEqualTo("warehouse");
        assertThat(merged.get("CatData.Processing").getProperty("time-zone"))
                .isEqualTo("Europe/London");
    }

    @Test
    void mergeLeavesInputsUnchanged() {
        Map<String, Properties> base = new HashMap<>();
        base.put("CatData.Source", properties("simulator.cats", "40"));
        Map<String, Properties> overrides = new HashMap<>();
        overrides.put("CatData.Source", properties("simulator.cats", "3"));

        PropertyGroups.merge(base, overrides);

        assertThat(base.get("CatData.Source").getProperty("simulator.cats")).isEqualTo("40");
        assertThat(overrides.get("CatData.Source").getProperty("simulator.cats")).isEqualTo("3");
    }
}
