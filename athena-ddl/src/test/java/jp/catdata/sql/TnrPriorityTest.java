package jp.catdata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs tnr_priority on a hand-made warehouse with the cases the real data lacks: community and
 * stray cats, ear tips in the registry and in sightings, cats missing from the registry, another
 * municipality and a day outside the period.
 */
class TnrPriorityTest {

    @TempDir static Path warehouse;

    @BeforeAll
    static void writeWarehouse() throws Exception {
        List<Map<String, Object>> day = new ArrayList<>();
        // Cell A: c1 intact community cat, c2 neutered stray, c3 not in the registry,
        // c4 ear-tipped pet without a recorded condition.
        day.add(fix("e1", "c1", "cellA", null));
        day.add(fix("e2", "c1", "cellA", null));
        day.add(fix("e3", "c2", "cellA", null));
        day.add(fix("e4", "c3", "cellA", null));
        day.add(fix("e5", "c4", "cellA", null));
        // Cell B: c5 intact pet; c6 not in the registry but reported with an ear tip; a
        // sighting of an unidentified cat.
        day.add(fix("e6", "c5", "cellB", null));
        day.add(fix("e7", "c6", "cellB", null));
        day.add(fix("e8", "c6", "cellB", true));
        day.add(fix("e9", null, "cellB", null));
        // Cell C: only the neutered stray.
        day.add(fix("e10", "c2", "cellC", null));
        SyntheticWarehouse.write(
                warehouse, "positions", "municipality_code=131067/dt=2024-05-01", day);
        // Outside the period, and in another municipality: both must not count.
        SyntheticWarehouse.write(
                warehouse,
                "positions",
                "municipality_code=131067/dt=2024-05-10",
                List.of(fix("e11", "c7", "cellC", null)));
        SyntheticWarehouse.write(
                warehouse,
                "positions",
                "municipality_code=131016/dt=2024-05-01",
                List.of(fix("e12", "c8", "cellC", null)));

        Path csv = warehouse.resolve("registry.csv");
        Files.write(
                csv,
                List.of(
                        "cat_id,name,reproductive_condition,ear_tipped,status",
                        "c1,Tama,intact,FALSE,community",
                        "c2,Mike,neutered,TRUE,stray",
                        "c4,Kuro,NA,TRUE,pet",
                        "c5,Shiro,Not fixed,,pet"),
                StandardCharsets.UTF_8);
        RegistryLoader.load(csv, "131067", null, warehouse);
    }

    private static Map<String, Object> fix(
            String eventId, String catId, String cell, Boolean earTip) {
        Map<String, Object> row = new HashMap<>();
        row.put("event_id", eventId);
        row.put("cat_id", catId);
        row.put("observed_at", "2024-05-01 10:00:00+00");
        row.put("lat", 35.71);
        row.put("lon", 139.78);
        row.put("source", earTip == null ? "gps_collar" : "sighting");
        row.put("ear_tip", earTip);
        row.put("cell_id", cell);
        row.put("occupancy_s", 0.0);
        row.put("origin", "test");
        return row;
    }

    private static QueryResult run(long topN) throws Exception {
        try (LocalWarehouse local = LocalWarehouse.open(warehouse, TestPaths.sqlDir())) {
            return local.query(
                    SqlFile.read(TestPaths.queries().resolve("tnr_priority.sql")),
                    Map.of(
                            "municipality_code", "131067",
                            "from_date", "2024-05-01",
                            "to_date", "2024-05-07",
                            "top_n", String.valueOf(topN)));
        }
    }

    private static long value(QueryResult r, int row, String column) {
        return ((Number) r.rows().get(row).get(r.column(column))).longValue();
    }

    @Test
    void cellsRankedByNotNeutered() throws Exception {
        QueryResult r = run(10);
        assertThat(r.rows()).hasSize(2);
        assertThat(r.rows().get(0).get(r.column("cell_id"))).isEqualTo("cellA");
        assertThat(r.rows().get(1).get(r.column("cell_id"))).isEqualTo("cellB");
        assertThat(value(r, 0, "priority_rank")).isEqualTo(1);
        assertThat(value(r, 1, "priority_rank")).isEqualTo(2);
    }

    @Test
    void cellAClassified() throws Exception {
        QueryResult r = run(10);
        assertThat(value(r, 0, "cats_not_neutered")).as("c1 and c3").isEqualTo(2);
        assertThat(value(r, 0, "cats_intact")).as("c1").isEqualTo(1);
        assertThat(value(r, 0, "cats_status_unknown")).as("c3").isEqualTo(1);
        assertThat(value(r, 0, "community_or_stray_not_neutered")).as("c1").isEqualTo(1);
        assertThat(value(r, 0, "cats_not_in_registry")).as("c3").isEqualTo(1);
        assertThat(value(r, 0, "cats_neutered")).as("c2 and ear-tipped c4").isEqualTo(2);
        assertThat(value(r, 0, "distinct_cats")).isEqualTo(4);
        assertThat(value(r, 0, "not_neutered_fixes")).as("two of c1, one of c3").isEqualTo(3);
    }

    @Test
    void cellBClassified() throws Exception {
        QueryResult r = run(10);
        assertThat(value(r, 1, "cats_not_neutered")).as("c5").isEqualTo(1);
        assertThat(value(r, 1, "cats_intact")).as("c5").isEqualTo(1);
        assertThat(value(r, 1, "cats_status_unknown")).isZero();
        assertThat(value(r, 1, "community_or_stray_not_neutered")).as("c5 is a pet").isZero();
        assertThat(value(r, 1, "cats_not_in_registry")).as("c6").isEqualTo(1);
        assertThat(value(r, 1, "cats_neutered")).as("c6, ear tip sighted").isEqualTo(1);
        assertThat(value(r, 1, "distinct_cats"))
                .as("the unidentified sighting is not a cat")
                .isEqualTo(2);
    }

    @Test
    void topNLimitsRows() throws Exception {
        QueryResult r = run(1);
        assertThat(r.rows()).hasSize(1);
        assertThat(r.rows().get(0).get(r.column("cell_id"))).isEqualTo("cellA");
    }
}
