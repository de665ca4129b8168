package jp.catdata.infra.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.catdata.infra.Names;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication;

/**
 * The Flink application's property groups, read from the job's own {@code
 * application-properties.json} so the deployed groups cannot drift from the ones the job is
 * developed and tested with. Only the values that differ in AWS are overridden, see {@link
 * #awsOverrides(String)}.
 *
 * <p>The file is a JSON array of {@code {"PropertyGroupId": ..., "PropertyMap": {...}}}, the shape
 * the managed runtime hands the job.
 */
public final class ApplicationProperties {

    public static final String SOURCE_GROUP = "CatData.Source";
    public static final String OUTPUT_GROUP = "CatData.Output";
    public static final String OPENSEARCH_GROUP = "CatData.OpenSearch";

    // The job's JobConfig reads these keys and rejects unknown ones: change them in both.
    public static final String SOURCE_TYPE = "source.type";
    public static final String STREAM_NAME = "kinesis.stream-name";
    public static final String REGION = "aws.region";
    public static final String OUTPUT_PATH = "output.path";
    public static final String OPENSEARCH_ENDPOINT = "opensearch.endpoint";
    public static final String OPENSEARCH_AUTH = "opensearch.auth";
    public static final String OPENSEARCH_REGION = "opensearch.aws-region";

    public static final String CURATED_OUTPUT_PATH =
            "s3://" + Names.DATA_BUCKET + "/" + Names.CURATED_PREFIX.replaceAll("/$", "");

    /** Limits of the managed service on property groups. */
    static final int MAX_GROUPS = 50;

    static final int MAX_PROPERTIES_PER_GROUP = 50;
    static final int MAX_KEY_OR_VALUE_LENGTH = 2048;

    private ApplicationProperties() {}

    /** Reads the groups from a file, keeping the file's order of groups and keys. */
    public static Map<String, Map<String, String>> read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Flink property groups " + file, e);
        }
    }

    /**
     * Parses property groups from JSON text; {@code source} names the text in error messages.
     * Groups that appear twice are merged, later keys winning, as the job itself merges them.
     */
    public static Map<String, Map<String, String>> parse(String json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Flink property groups " + source + " are not valid JSON: " + e.getMessage(),
                    e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(
                    "Flink property groups "
                            + source
                            + " must be a JSON array of {\"PropertyGroupId\", \"PropertyMap\"}"
                            + " objects");
        }
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        for (JsonNode group : root) {
            JsonNode id = group.get("PropertyGroupId");
            JsonNode map = group.get("PropertyMap");
            if (id == null || !id.isTextual() || map == null || !map.isObject()) {
                throw new IllegalArgumentException(
                        "Flink property groups "
                                + source
                                + ": every entry needs a string \"PropertyGroupId\" and an object"
                                + " \"PropertyMap\", got "
                                + group);
            }
            Map<String, String> properties =
                    groups.computeIfAbsent(id.textValue(), g -> new LinkedHashMap<>());
            Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                properties.put(field.getKey(), field.getValue().asText());
            }
        }
        return groups;
    }

    /** Returns the values that differ between a local run and the deployed application. */
    public static Map<String, Map<String, String>> awsOverrides(String region) {
        Map<String, String> source = new LinkedHashMap<>();
        source.put(SOURCE_TYPE, "kinesis");
        source.put(STREAM_NAME, Names.POSITION_STREAM);
        source.put(REGION, region);
        Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
        overrides.put(SOURCE_GROUP, source);
        overrides.put(OUTPUT_GROUP, Map.of(OUTPUT_PATH, CURATED_OUTPUT_PATH));
        return overrides;
    }

    /**
     * Returns the OpenSearch group of the deployed application: the domain's HTTPS endpoint, with
     * requests signed by SigV4 with the application role's credentials.
     *
     * @param domainEndpoint host name of the domain, as CloudFormation returns it (no scheme)
     */
    public static Map<String, Map<String, String>> openSearchOverrides(
            String region, String domainEndpoint) {
        Map<String, String> openSearch = new LinkedHashMap<>();
        openSearch.put(OPENSEARCH_ENDPOINT, "https://" + domainEndpoint);
        openSearch.put(OPENSEARCH_AUTH, "aws-sigv4");
        openSearch.put(OPENSEARCH_REGION, region);
        Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
        overrides.put(OPENSEARCH_GROUP, openSearch);
        return overrides;
    }

    /** Returns {@code base} with every property of {@code overrides} set over it. */
    public static Map<String, Map<String, String>> merge(
            Map<String, Map<String, String>> base, Map<String, Map<String, String>> overrides) {
        Map<String, Map<String, String>> merged = new LinkedHashMap<>();
        base.forEach((group, properties) -> merged.put(group, new LinkedHashMap<>(properties)));
        overrides.forEach(
                (group, properties) ->
                        merged.computeIfAbsent(group, g -> new LinkedHashMap<>())
                                .putAll(properties));
        return merged;
    }

    /**
     * Converts groups to the CloudFormation shape.
     *
     * @throws IllegalArgumentException when a group exceeds a limit of the managed service
     */
    public static List<CfnApplication.PropertyGroupProperty> toPropertyGroups(
            Map<String, Map<String, String>> groups) {
        if (groups.size() > MAX_GROUPS) {
            throw new IllegalArgumentException(
                    groups.size() + " property groups; the managed service accepts " + MAX_GROUPS);
        }
        List<CfnApplication.PropertyGroupProperty> result = new ArrayList<>();
        groups.forEach(
                (id, properties) -> {
                    if (properties.size() > MAX_PROPERTIES_PER_GROUP) {
                        throw new IllegalArgumentException(
                                "property group "
                                        + id
                                        + " has "
                                        + properties.size()
                                        + " properties; the managed service accepts "
                                        + MAX_PROPERTIES_PER_GROUP);
                    }
                    properties.forEach(
                            (key, value) -> {
                                if (key.length() > MAX_KEY_OR_VALUE_LENGTH
                                        || value.length() > MAX_KEY_OR_VALUE_LENGTH) {
                                    throw new IllegalArgumentException(
                                            "property "
                                                    + key
                                                    + " in group "
                                                    + id
                                                    + " is longer than "
                                                    + MAX_KEY_OR_VALUE_LENGTH
                                                    + " characters");
                                }
                            });
                    result.add(
                            CfnApplication.PropertyGroupProperty.builder()
                                    .propertyGroupId(id)
                                    .propertyMap(properties)
                                    .build());
                });
        return result;
    }
}
