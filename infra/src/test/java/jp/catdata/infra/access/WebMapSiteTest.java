package jp.catdata.infra.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import jp.catdata.infra.TestApp;
import org.junit.jupiter.api.Test;

class WebMapSiteTest {

    @Test
    void pageUsesJobTimeZone() {
        WebMapSite site =
                WebMapSite.of(
                        Path.of("dist"),
                        TestApp.stacks().identity().identity(),
                        Map.of("CatData.Processing", Map.of("time-zone", "Europe/London")));

        assertThat(site.timeZone()).isEqualTo("Europe/London");
        assertThat(site.pageConfig("ap-northeast-1", TestApp.HOST_NAME).get("timeZone"))
                .isEqualTo("Europe/London");
    }

    @Test
    void pageDefaultsToTokyo() {
        WebMapSite site =
                WebMapSite.of(Path.of("dist"), TestApp.stacks().identity().identity(), Map.of());

        assertThat(site.timeZone()).isEqualTo("Asia/Tokyo");
    }

    @Test
    void otherIndexPrefixRejected() {
        Map<String, Map<String, String>> properties =
                Map.of("CatData.OpenSearch", Map.of("opensearch.index-prefix", "cats"));

        assertThatThrownBy(
                        () ->
                                WebMapSite.of(
                                        Path.of("dist"),
                                        TestApp.stacks().identity().identity(),
                                        properties))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported opensearch.index-prefix 'cats'")
                .hasMessageContaining("cat-data-*");
    }

    @Test
    void pageConfigSignsWithIdentityPool() {
        WebMapSite site =
                new WebMapSite(
                        Path.of("dist"),
                        "https://staff.auth.ap-northeast-1.amazoncognito.com",
                        "client-1",
                        "ap-northeast-1_pool",
                        "ap-northeast-1:identity",
                        "Asia/Tokyo");

        Map<String, Object> config = site.pageConfig("ap-northeast-1", TestApp.HOST_NAME);

        @SuppressWarnings("unchecked")
        Map<String, Object> cognito =
                (Map<String, Object>) ((Map<String, Object>) config.get("auth")).get("cognito");
        assertThat(config.get("indexPrefix")).isEqualTo("cat-data");
        assertThat(config.get("searchPath")).isEqualTo("/api/search");
        assertThat(cognito.get("clientId")).isEqualTo("client-1");
        assertThat(cognito.get("userPoolId")).isEqualTo("ap-northeast-1_pool");
        assertThat(cognito.get("identityPoolId")).isEqualTo("ap-northeast-1:identity");
        assertThat(cognito.get("redirectUri")).isEqualTo("https://" + TestApp.HOST_NAME + "/map/");
        assertThat(cognito.get("searchSigning")).isEqualTo("sigv4");
    }
}
