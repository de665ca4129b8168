package jp.catdata.infra.access;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.catdata.infra.Names;
import jp.catdata.infra.identity.StaffIdentity;
import jp.catdata.infra.processing.ApplicationProperties;

/**
 * Inputs of the proxy for the staff web map: the built page and the sign-in settings that the page
 * reads from its {@code config.json}.
 *
 * @param dir the built page, the folder with its {@code index.html}
 * @param hostedUiBaseUrl the user pool's hosted UI, {@code https://<prefix>.auth.<region>...}
 * @param clientId id of the app client {@value Names#APP_CLIENT}
 * @param userPoolId id of the user pool {@value Names#USER_POOL}
 * @param identityPoolId id of the identity pool that exchanges the ID token for AWS credentials
 * @param timeZone the job's {@code time-zone}, in which the page shows local days and times
 */
public record WebMapSite(
        Path dir,
        String hostedUiBaseUrl,
        String clientId,
        String userPoolId,
        String identityPoolId,
        String timeZone) {

    /** Index prefix of the job's live indices; the proxy forwards searches of these only. */
    public static final String INDEX_PREFIX = "cat-data";

    /** Same-origin path under which the page posts {@code <path>/<index>} for a search. */
    public static final String SEARCH_PATH = "/api/search";

    /** The job's group and keys that the page must agree with. */
    static final String PROCESSING_GROUP = "CatData.Processing";

    static final String TIME_ZONE_KEY = "time-zone";
    static final String INDEX_PREFIX_KEY = "opensearch.index-prefix";

    /** The job's default of {@value #TIME_ZONE_KEY}. */
    static final String DEFAULT_TIME_ZONE = "Asia/Tokyo";

    /**
     * Returns the site for the job's property groups: the page shows the job's time zone.
     *
     * @throws IllegalArgumentException if the groups set an index prefix other than {@value
     *     #INDEX_PREFIX}, because the proxy's search path and the municipality roles admit only
     *     that prefix
     */
    public static WebMapSite of(
            Path dir, StaffIdentity identity, Map<String, Map<String, String>> jobProperties) {
        String prefix =
                jobProperties
                        .getOrDefault(ApplicationProperties.OPENSEARCH_GROUP, Map.of())
                        .getOrDefault(INDEX_PREFIX_KEY, INDEX_PREFIX);
        if (!prefix.equals(INDEX_PREFIX)) {
            throw new IllegalArgumentException(
                    "unsupported "
                            + INDEX_PREFIX_KEY
                            + " '"
                            + prefix
                            + "' in group "
                            + ApplicationProperties.OPENSEARCH_GROUP
                            + " of the Flink property groups: the web map's search path and the"
                            + " municipality roles admit only the indices "
                            + INDEX_PREFIX
                            + "-*. Remove the key to use "
                            + INDEX_PREFIX
                            + ".");
        }
        String timeZone =
                jobProperties
                        .getOrDefault(PROCESSING_GROUP, Map.of())
                        .getOrDefault(TIME_ZONE_KEY, DEFAULT_TIME_ZONE);
        return new WebMapSite(
                dir,
                identity.hostedUiBaseUrl(),
                identity.appClient().getUserPoolClientId(),
                identity.userPool().getUserPoolId(),
                identity.identityPool().getRef(),
                timeZone);
    }

    /**
     * Returns the page's {@code config.json} for this deployment. The page signs each search with
     * the credentials that the identity pool gives for the user's ID token, so fine-grained access
     * control applies the role of the user's Cognito group.
     */
    public Map<String, Object> pageConfig(String region, String hostName) {
        Map<String, Object> cognito = new LinkedHashMap<>();
        cognito.put("domain", hostedUiBaseUrl);
        cognito.put("clientId", clientId);
        cognito.put("redirectUri", "https://" + hostName + Names.WEB_MAP_PATH);
        cognito.put("scopes", List.of("openid", "email", "profile"));
        cognito.put("bearerToken", "id_token");
        cognito.put("region", region);
        cognito.put("userPoolId", userPoolId);
        cognito.put("identityPoolId", identityPoolId);
        cognito.put("searchSigning", "sigv4");

        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("mode", "cognito");
        auth.put("cognito", cognito);

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("indexPrefix", INDEX_PREFIX);
        config.put("searchPath", SEARCH_PATH);
        config.put("timeZone", timeZone);
        config.put("auth", auth);
        return config;
    }
}
