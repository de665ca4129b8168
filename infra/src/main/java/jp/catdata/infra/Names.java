package jp.catdata.infra;

/**
 * Resource names fixed by the design. The Flink job, the Athena DDL and the runbooks use the same
 * names, so they are constants rather than CloudFormation-generated names.
 */
public final class Names {

    public static final String DATA_BUCKET = "cat-data-v21";

    /**
     * Prefix of the job's Parquet tables: {@code curated/<table>/municipality_code=.../dt=.../}.
     */
    public static final String CURATED_PREFIX = "curated/";

    public static final String ATHENA_RESULTS_PREFIX = "athena-results/";
    public static final String GLUE_DATABASE = "cat_data_v21";
    public static final String ATHENA_WORKGROUP = "cat-data-v21";

    public static final String POSITION_STREAM = "cat-position-stream";

    public static final String FLINK_APPLICATION = "cat-data-flink";

    /**
     * The design's preprocessing function. It is the Flink job's validation and cleaning stage,
     * whose operators are named {@code cat-data-preprocessor: ...}; no Lambda function exists.
     */
    public static final String PREPROCESSOR_STAGE = "cat-data-preprocessor";

    public static final String LOG_GROUP = "/cat-data-v21/logs";
    public static final String FLINK_LOG_STREAM = "flink-application";

    public static final String SEARCH_DOMAIN = "cat-search-domain";

    /** Every index the job writes starts with this, for example {@code cat-data-cat-latest}. */
    public static final String INDEX_PREFIX = "cat-";

    public static final String USER_POOL = "cat-data-users";
    public static final String APP_CLIENT = "cat-data-client";
    public static final String IDENTITY_POOL = "cat_data_dashboards";

    /** Cognito group whose members are the OpenSearch fine-grained access control master users. */
    public static final String PLATFORM_ADMIN_GROUP = "platform-admin";

    /**
     * Execution role of the function that writes the municipality roles and role mappings into the
     * OpenSearch security plugin; the master user's role trusts it by this name.
     */
    public static final String SECURITY_CONFIG_ROLE = "cat-data-opensearch-security-config";

    public static final String PROXY_AUTO_SCALING_GROUP = "cat-data-dashboards-proxy";

    /** Path of the staff web map on the Dashboards host name. */
    public static final String WEB_MAP_PATH = "/map/";

    public static final String DASHBOARD = "cat-data-v21";

    private Names() {}
}
