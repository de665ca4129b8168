package jp.catdata.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import jp.catdata.process.CellDensity;
import org.junit.jupiter.api.Test;
import org.opensearch.action.index.IndexRequest;
import org.opensearch.common.lucene.uid.Versions;
import org.opensearch.index.VersionType;

class FeatureEmitterTest {

    @Test
    void latestPositionWrittenWithExternalVersion() {
        LatestPosition p = new LatestPosition();
        p.catId = "Ares";
        p.observedAtMs = Instant.parse("2017-06-24T03:01:26Z").toEpochMilli();
        IndexRequest request =
                new FeatureEmitter<>(new OpenSearchSettings(), Documents.LATEST_POSITION)
                        .request(p);
        assertThat(request.index()).isEqualTo("cat-data-cat-latest");
        assertThat(request.id()).isEqualTo("Ares");
        assertThat(request.versionType()).isEqualTo(VersionType.EXTERNAL_GTE);
        assertThat(request.version()).isEqualTo(1_498_273_286_000L);
        assertThat(request.sourceAsMap().get("cat_id")).isEqualTo("Ares");
    }

    @Test
    void densityWrittenWithoutVersion() {
        CellDensity row = new CellDensity();
        row.municipalityCode = "131067";
        row.cellId = "gbujv3m";
        row.windowStartMs = Instant.parse("2017-06-24T03:00:00Z").toEpochMilli();
        row.windowEndMs = Instant.parse("2017-06-24T04:00:00Z").toEpochMilli();
        IndexRequest request =
                new FeatureEmitter<>(new OpenSearchSettings(), Documents.CELL_DENSITY).request(row);
        assertThat(request.index()).isEqualTo("cat-data-cell-density-2017.06");
        assertThat(request.id())
                .isEqualTo("131067:gbujv3m:2017-06-24T03:00:00Z/2017-06-24T04:00:00Z");
        assertThat(request.versionType()).isEqualTo(VersionType.INTERNAL);
        assertThat(request.version()).isEqualTo(Versions.MATCH_ANY);
    }
}
