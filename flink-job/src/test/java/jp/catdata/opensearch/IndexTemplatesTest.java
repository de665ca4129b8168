package jp.catdata.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.RejectedRecord;
import jp.catdata.process.CatMovementDaily;
import jp.catdata.process.CatMovementHourly;
import jp.catdata.process.CellDensity;
import jp.catdata.process.TrackedFix;
import org.junit.jupiter.api.Test;

class IndexTemplatesTest {

    private static Map<String, ObjectNode> templates(String prefix, int replicas) {
        OpenSearchSettings s = new OpenSearchSettings();
        s.indexPrefix = prefix;
        s.numberOfReplicas = replicas;
        return IndexTemplates.templates(s);
    }

    private static Set<String> fieldNames(JsonNode template) {
        Set<String> names = new TreeSet<>();
        template.at("/template/mappings/properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void templatesNamedAfterPrefix() {
        assertThat(templates("city", 1).keySet())
                .containsExactly(
                        "city-cat-latest",
                        "city-cat-fix",
                        "city-rejected",
                        "city-cell-density",
                        "city-cat-movement");
    }

    @Test
    void patternsMatchIndexNames() {
        Map<String, ObjectNode> t = templates("city", 1);
        assertThat(t.get("city-cat-latest").at("/index_patterns/0").asText())
                .isEqualTo("city-cat-latest");
        assertThat(t.get("city-cat-fix").at("/index_patterns/0").asText())
                .isEqualTo("city-cat-fix-*");
        assertThat(t.get("city-rejected").at("/index_patterns/0").asText())
                .isEqualTo("city-rejected-*");
        assertThat(t.get("city-cell-density").at("/index_patterns/0").asText())
                .isEqualTo("city-cell-density-*");
        assertThat(t.get("city-cat-movement").at("/index_patterns/0").asText())
                .isEqualTo("city-cat-movement-*");
    }

    @Test
    void settingsTakeReplicas() {
        for (ObjectNode template : templates("cat-data", 0).values()) {
            assertThat(template.at("/template/settings/number_of_replicas").asInt()).isZero();
            assertThat(template.at("/template/settings/number_of_shards").asInt()).isEqualTo(1);
            assertThat(template.get("priority").asInt()).isEqualTo(100);
        }
    }

    @Test
    void mappingsStrict() {
        for (ObjectNode template : templates("cat-data", 1).values()) {
            assertThat(template.at("/template/mappings/dynamic").asText()).isEqualTo("strict");
        }
    }

    @Test
    void geoFieldTypes() {
        Map<String, ObjectNode> t = templates("cat-data", 1);
        JsonNode latest = t.get("cat-data-cat-latest").at("/template/mappings/properties");
        JsonNode density = t.get("cat-data-cell-density").at("/template/mappings/properties");
        JsonNode movement = t.get("cat-data-cat-movement").at("/template/mappings/properties");
        assertThat(latest.at("/location/type").asText()).isEqualTo("geo_point");
        assertThat(latest.at("/home_range_centroid/type").asText()).isEqualTo("geo_point");
        assertThat(latest.at("/observed_at/type").asText()).isEqualTo("date");
        JsonNode fixes = t.get("cat-data-cat-fix").at("/template/mappings/properties");
        assertThat(fixes.at("/location/type").asText()).isEqualTo("geo_point");
        assertThat(fixes.at("/observed_at/type").asText()).isEqualTo("date");
        assertThat(density.at("/cell_centre/type").asText()).isEqualTo("geo_point");
        assertThat(density.at("/cell/type").asText()).isEqualTo("geo_shape");
        assertThat(movement.at("/centroid/type").asText()).isEqualTo("geo_point");
    }

    /** Strict mappings reject a document with an unmapped field, so each field needs a mapping. */
    @Test
    void everyDocumentFieldMapped() {
        Map<String, ObjectNode> t = templates("cat-data", 1);
        CellDensity density = new CellDensity();
        density.cellId = "xn77h2g";
        CatMovementDaily daily = new CatMovementDaily();
        long now = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();
        daily.windowStartMs = now;
        assertThat(fieldNames(t.get("cat-data-cat-latest")))
                .isEqualTo(Documents.LATEST_POSITION.source(new LatestPosition()).keySet());
        TrackedFix fix = new TrackedFix(new PositionEvent());
        assertThat(fieldNames(t.get("cat-data-cat-fix")))
                .isEqualTo(Documents.CAT_FIX.source(fix).keySet());
        assertThat(fieldNames(t.get("cat-data-cell-density")))
                .isEqualTo(Documents.CELL_DENSITY.source(density).keySet());
        assertThat(fieldNames(t.get("cat-data-rejected")))
                .isEqualTo(Documents.REJECTED.source(new RejectedRecord()).keySet());
        Set<String> movementFields = new TreeSet<>();
        movementFields.addAll(Documents.MOVEMENT_HOURLY.source(new CatMovementHourly()).keySet());
        movementFields.addAll(Documents.MOVEMENT_DAILY.source(daily).keySet());
        assertThat(fieldNames(t.get("cat-data-cat-movement"))).isEqualTo(movementFields);
    }
}
