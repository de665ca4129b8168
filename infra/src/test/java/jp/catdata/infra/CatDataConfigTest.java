package jp.catdata.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class CatDataConfigTest {

    @Test
    void missingContextNamesEveryKey() {
        App app = new App();

        assertThatThrownBy(() -> CatDataConfig.fromContext(app.getNode()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing CDK context")
                .hasMessageContaining("certificateArn")
                .hasMessageContaining("dashboardsHostName")
                .hasMessageContaining("municipalityCodes");
    }

    @Test
    void missingHostNameNamesOnlyIt() {
        Map<String, Object> context = TestApp.context();
        context.remove(CatDataConfig.DASHBOARDS_HOST_NAME);

        assertThatThrownBy(() -> config(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing CDK context: dashboardsHostName")
                .hasMessageNotContaining("certificateArn (");
    }

    @Test
    void readsRequiredValues() {
        CatDataConfig config = config(TestApp.context());

        assertThat(config.certificateArn()).isEqualTo(TestApp.CERTIFICATE_ARN);
        assertThat(config.dashboardsHostName()).isEqualTo(TestApp.HOST_NAME);
        assertThat(config.municipalityCodes()).isEqualTo(TestApp.MUNICIPALITY_CODES);
    }

    @Test
    void appliesDefaults() {
        CatDataConfig config = config(TestApp.context());

        assertThat(config.flinkPropertiesPath())
                .isEqualTo(Path.of("../flink-job/src/main/resources/application-properties.json"));
        assertThat(config.athenaDdlDir()).isEqualTo(Path.of("../athena-ddl/tables"));
        assertThat(config.athenaBytesScannedCutoff()).isEqualTo(10L * 1024 * 1024 * 1024);
        assertThat(config.cognitoDomainPrefix()).isNull();
        assertThat(config.alarmEmail()).isNull();
        assertThat(config.createConfigRecorder()).isTrue();
    }

    @Test
    void readsCodesFromList() {
        Map<String, Object> context = TestApp.context();
        context.put(CatDataConfig.MUNICIPALITY_CODES, List.of("011002", "131016", "011002"));

        assertThat(config(context).municipalityCodes()).containsExactly("011002", "131016");
    }

    @Test
    void rejectWrongCheckDigit() {
        Map<String, Object> context = TestApp.context();
        // 13101 has check digit 6: 1*6 + 3*5 + 1*4 + 0*3 + 1*2 = 27, 11 - 27 mod 11 = 6.
        context.put(CatDataConfig.MUNICIPALITY_CODES, "131017");

        assertThatThrownBy(() -> config(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid municipality code '131017'");
    }

    @Test
    void rejectInvalidCertificateArn() {
        Map<String, Object> context = TestApp.context();
        context.put(CatDataConfig.CERTIFICATE_ARN, "not-an-arn");

        assertThatThrownBy(() -> config(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid certificateArn 'not-an-arn'");
    }

    @Test
    void rejectInvalidHostName() {
        Map<String, Object> context = TestApp.context();
        context.put(CatDataConfig.DASHBOARDS_HOST_NAME, "https://dashboards.example.jp/");

        assertThatThrownBy(() -> config(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid dashboardsHostName");
    }

    @Test
    void rejectMissingJar() {
        Map<String, Object> context = TestApp.context();
        context.put(CatDataConfig.FLINK_JAR_PATH, "target/no-such.jar");

        assertThatThrownBy(() -> config(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Flink job jar not found")
                .hasMessageContaining("mvn -B -pl flink-job,frontend -am package -DskipTests");
    }

    @Test
    void rejectWebMapWithoutIndex() {
        Map<String, Object> context = TestApp.context();
        context.put(CatDataConfig.WEB_MAP_DIR, "target");

        assertThatThrownBy(() -> config(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no index.html")
                .hasMessageContaining("mvn -B -pl flink-job,frontend -am package -DskipTests");
    }

    @Test
    void rejectWebMapSourceFolder() throws Exception {
        Path source = Files.createDirectories(Path.of("target", "test-assets", "web-map-source"));
        Files.writeString(source.resolve("index.html"), "<script src=\"/src/main.ts\"></script>");
        Files.writeString(source.resolve("package.json"), "{}");
        Map<String, Object> context = TestApp.context();
        context.put(CatDataConfig.WEB_MAP_DIR, source.toString());

        assertThatThrownBy(() -> config(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source folder")
                .hasMessageContaining("../frontend/web/target/dist");
    }

    @Test
    void rejectSmallCutoff() {
        Map<String, Object> context = TestApp.context();
        context.put(CatDataConfig.ATHENA_BYTES_SCANNED_CUTOFF, "1000");

        assertThatThrownBy(() -> config(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid athenaBytesScannedCutoff '1000'");
    }

    @Test
    void rejectReservedCognitoPrefix() {
        Map<String, Object> context = TestApp.context();
        context.put(CatDataConfig.COGNITO_DOMAIN_PREFIX, "city-cognito");

        assertThatThrownBy(() -> config(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid cognitoDomainPrefix");
    }

    private static CatDataConfig config(Map<String, Object> context) {
        App app = new App(AppProps.builder().context(new HashMap<>(context)).build());
        return CatDataConfig.fromContext(app.getNode());
    }
}
