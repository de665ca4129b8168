package jp.catdata.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;

/**
 * Reads application property groups from JSON in the shape the managed runtime uses: an array of
 * {@code {"PropertyGroupId": "...", "PropertyMap": {"key": "value", ...}}}.
 */
public final class PropertyGroups {

    /** Classpath resource with the defaults of a local run. */
    public static final String DEFAULT_RESOURCE = "/application-properties.json";

    private PropertyGroups() {}

    /** Parses property groups; {@code source} names the input in error messages. */
    public static Map<String, Properties> fromJson(InputStream in, String source)
            throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "properties file " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(
                    "properties file "
                            + source
                            + " must hold a JSON array of {\"PropertyGroupId\", \"PropertyMap\"}"
                            + " objects");
        }
        Map<String, Properties> groups = new HashMap<>();
        for (JsonNode group : root) {
            JsonNode id = group.get("PropertyGroupId");
            JsonNode map = group.get("PropertyMap");
            if (id == null || !id.isTextual() || map == null || !map.isObject()) {
                throw new IllegalArgumentException(
                        "properties file "
                                + source
                                + ": every entry needs a string \"PropertyGroupId\" and an object"
                                + " \"PropertyMap\", got "
                                + group);
            }
            Properties properties = groups.computeIfAbsent(id.textValue(), g -> new Properties());
            Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                properties.setProperty(field.getKey(), field.getValue().asText());
            }
        }
        return groups;
    }

    /** Returns {@code base} with every property of {@code overrides} set over it. */
    public static Map<String, Properties> merge(
            Map<String, Properties> base, Map<String, Properties> overrides) {
        Map<String, Properties> merged = new HashMap<>();
        base.forEach((group, properties) -> merged.put(group, copy(properties)));
        overrides.forEach(
                (group, properties) ->
                        merged.computeIfAbsent(group, g -> new Properties()).putAll(properties));
        return merged;
    }

    private static Properties copy(Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }
}
