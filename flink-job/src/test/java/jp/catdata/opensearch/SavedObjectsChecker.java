package jp.catdata.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks OpenSearch Dashboards saved objects (the NDJSON export format) against each other and
 * against the index templates that the job installs.
 *
 * <p>It reads the parts of an object that name index patterns or fields: {@code references}, the
 * {@code visState} of visualizations (aggregation fields and input-control fields), the {@code
 * kibanaSavedObjectMeta.searchSourceJSON} (its index reference, KQL query and filters) and the
 * dashboard's {@code panelsJSON}. Each problem is one line of text, so a test can list them all.
 */
final class SavedObjectsChecker {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A field name followed by a colon in KQL, such as {@code window : "local_day"}. */
    private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\s*:");

    private static final Set<String> NUMERIC =
            Set.of("long", "integer", "short", "byte", "double", "float", "half_float");

    /** Field types an aggregation type accepts; aggregations not listed accept any field. */
    private static final Map<String, Set<String>> AGGREGATION_FIELD_TYPES =
            Map.of(
                    "geohash_grid", Set.of("geo_point"),
                    "geotile_grid", Set.of("geo_point"),
                    "geo_centroid", Set.of("geo_point"),
                    "geo_bounds", Set.of("geo_point"),
                    "sum", NUMERIC,
                    "avg", NUMERIC,
                    "max", union(NUMERIC, Set.of("date")),
                    "min", union(NUMERIC, Set.of("date")),
                    "date_histogram", Set.of("date"),
                    "terms", union(NUMERIC, Set.of("keyword", "date")));

    private final List<ObjectNode> objects;
    private final Map<String, ObjectNode> templates;
    private final List<String> problems = new ArrayList<>();

    private SavedObjectsChecker(List<ObjectNode> objects, Map<String, ObjectNode> templates) {
        this.objects = objects;
        this.templates = templates;
    }

    /** Reads an NDJSON file: one saved object per non-blank line. */
    static List<ObjectNode> read(Path ndjson) throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        for (String line : Files.readAllLines(ndjson, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                objects.add((ObjectNode) JSON.readTree(line));
            }
        }
        return objects;
    }

    /**
     * Returns every problem found, or an empty list.
     *
     * @param templates index template bodies by name, as {@link IndexTemplates#templates} returns
     */
    static List<String> check(List<ObjectNode> objects, Map<String, ObjectNode> templates) {
        SavedObjectsChecker checker = new SavedObjectsChecker(objects, templates);
        checker.run();
        return checker.problems;
    }

    private void run() {
        Map<String, ObjectNode> byTypeAndId = new HashMap<>();
        for (ObjectNode object : objects) {
            String key = key(object.path("type").asText(), object.path("id").asText());
            if (byTypeAndId.put(key, object) != null) {
                problems.add(key + ": the id occurs more than once");
            }
        }
        for (ObjectNode object : objects) {
            String self = key(object.path("type").asText(), object.path("id").asText());
            Map<String, JsonNode> references = references(object, self, byTypeAndId);
            switch (object.path("type").asText()) {
                case "index-pattern" -> checkIndexPattern(object, self);
                case "visualization" -> checkVisualization(object, self, references, byTypeAndId);
                case "dashboard" -> checkDashboard(object, self, references);
                default -> problems.add(self + ": unexpected saved object type");
            }
        }
    }

    /** Returns the object's references by name, reporting those whose target is not in the file. */
    private Map<String, JsonNode> references(
            ObjectNode object, String self, Map<String, ObjectNode> byTypeAndId) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode reference : object.path("references")) {
            String target = key(reference.path("type").asText(), reference.path("id").asText());
            if (!byTypeAndId.containsKey(target)) {
                problems.add(
                        self
                                + ": reference '"
                                + reference.path("name").asText()
                                + "' points to "
                                + target
                                + ", which is not in the file");
            }
            byName.put(reference.path("name").asText(), reference);
        }
        return byName;
    }

    private void checkIndexPattern(ObjectNode pattern, String self) {
        String title = pattern.at("/attributes/title").asText();
        Map<String, String> fields = fieldsOfTitle(title);
        if (fields == null) {
            problems.add(self + ": title '" + title + "' matches no index template of the job");
            return;
        }
        JsonNode timeField = pattern.at("/attributes/timeFieldName");
        if (timeField.isMissingNode() || timeField.asText().isEmpty()) {
            problems.add(self + ": no timeFieldName");
        } else {
            requireField(self, "timeFieldName", timeField.asText(), fields, Set.of("date"));
        }
    }

    private void checkVisualization(
            ObjectNode visualization,
            String self,
            Map<String, JsonNode> references,
            Map<String, ObjectNode> byTypeAndId) {
        JsonNode visState = parseEmbedded(visualization, "/attributes/visState", self);
        JsonNode searchSource =
                parseEmbedded(
                        visualization, "/attributes/kibanaSavedObjectMeta/searchSourceJSON", self);
        if (visState == null || searchSource == null) {
            return;
        }

        Map<String, String> fields = null;
        if (searchSource.has("indexRefName")) {
            fields =
                    fieldsOfReference(
                            self,
                            "searchSourceJSON",
                            searchSource.path("indexRefName").asText(),
                            references,
                            byTypeAndId);
        }
        if (fields != null) {
            for (JsonNode aggregation : visState.path("aggs")) {
                JsonNode field = aggregation.at("/params/field");
                if (!field.isMissingNode()) {
                    String type = aggregation.path("type").asText();
                    requireField(
                            self,
                            "aggregation " + aggregation.path("id").asText() + " (" + type + ")",
                            field.asText(),
                            fields,
                            AGGREGATION_FIELD_TYPES.get(type));
                }
            }
            checkSearchSource(self, searchSource, fields);
        } else if (visState.path("aggs").size() > 0) {
            problems.add(self + ": aggregations but no index pattern in searchSourceJSON");
        }

        for (JsonNode control : visState.at("/params/controls")) {
            String what = "control " + control.path("id").asText();
            Map<String, String> controlFields =
                    fieldsOfReference(
                            self,
                            what,
                            control.path("indexPatternRefName").asText(),
                            references,
                            byTypeAndId);
            if (controlFields != null) {
                requireField(self, what, control.path("fieldName").asText(), controlFields, null);
            }
        }
    }

    private void checkSearchSource(String self, JsonNode searchSource, Map<String, String> fields) {
        JsonNode query = searchSource.at("/query/query");
        if (query.isTextual()) {
            Matcher matcher = KQL_FIELD.matcher(query.asText());
            while (matcher.find()) {
                requireField(self, "KQL query", matcher.group(1), fields, null);
            }
        }
        for (JsonNode filter : searchSource.path("filter")) {
            JsonNode key = filter.at("/meta/key");
            if (!key.isMissingNode()) {
                requireField(self, "filter", key.asText(), fields, null);
            }
        }
    }

    private void checkDashboard(ObjectNode dashboard, String self, Map<String, JsonNode> refs) {
        JsonNode panels = parseEmbedded(dashboard, "/attributes/panelsJSON", self);
        JsonNode searchSource =
                parseEmbedded(
                        dashboard, "/attributes/kibanaSavedObjectMeta/searchSourceJSON", self);
        if (panels == null || searchSource == null) {
            return;
        }
        if (panels.isEmpty()) {
            problems.add(self + ": no panels");
        }
        for (JsonNode panel : panels) {
            String name = panel.path("panelRefName").asText();
            if (!refs.containsKey(name)) {
                problems.add(self + ": panel '" + name + "' has no entry in references");
            }
        }
    }

    /**
     * Returns the fields of the index pattern that a named reference points to, or null after
     * reporting why there are none.
     */
    private Map<String, String> fieldsOfReference(
            String self,
            String what,
            String referenceName,
            Map<String, JsonNode> references,
            Map<String, ObjectNode> byTypeAndId) {
        JsonNode reference = references.get(referenceName);
        if (reference == null) {
            problems.add(
                    self + ": " + what + " names reference '" + referenceName + "', not listed");
            return null;
        }
        if (!reference.path("type").asText().equals("index-pattern")) {
            problems.add(self + ": " + what + " reference '" + referenceName + "' is no pattern");
            return null;
        }
        ObjectNode pattern = byTypeAndId.get(key("index-pattern", reference.path("id").asText()));
        if (pattern == null) {
            // Already reported as a dangling reference.
            return null;
        }
        return fieldsOfTitle(pattern.at("/attributes/title").asText());
    }

    /**
     * Returns the mapped fields and their types of the template whose index pattern equals the
     * title, or matches it when the title is a concrete index name. Returns null when none does.
     */
    private Map<String, String> fieldsOfTitle(String title) {
        for (ObjectNode template : templates.values()) {
            for (JsonNode indexPattern : template.path("index_patterns")) {
                String glob = indexPattern.asText();
                if (glob.equals(title) || (!title.contains("*") && globMatches(glob, title))) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    template.at("/template/mappings/properties")
                            .fields()
                            .forEachRemaining(
                                    f ->
                                            fields.put(
                                                    f.getKey(),
                                                    f.getValue().path("type").asText()));
                    return fields;
                }
            }
        }
        return null;
    }

    private void requireField(
            String self,
            String what,
            String field,
            Map<String, String> fields,
            Set<String> allowedTypes) {
        String type = fields.get(field);
        if (type == null) {
            problems.add(self + ": " + what + " uses field '" + field + "', not in the mapping");
        } else if (allowedTypes != null && !allowedTypes.contains(type)) {
            problems.add(
                    self
                            + ": "
                            + what
                            + " uses field '"
                            + field
                            + "' of type "
                            + type
                            + ", expected one of "
                            + allowedTypes);
        }
    }

    /** Parses a JSON document stored as a string attribute, reporting a missing or invalid one. */
    private JsonNode parseEmbedded(ObjectNode object, String pointer, String self) {
        JsonNode text = object.at(pointer);
        if (!text.isTextual()) {
            problems.add(self + ": " + pointer + " is missing or not a string");
            return null;
        }
        try {
            return JSON.readTree(text.asText());
        } catch (JsonProcessingException e) {
            problems.add(self + ": " + pointer + " is not valid JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    private static boolean globMatches(String glob, String name) {
        String regex = Pattern.quote(glob).replace("*", "\\E.*\\Q");
        return name.matches(regex);
    }

    private static String key(String type, String id) {
        return type + ":" + id;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
