package jp.catdata.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.constructs.Node;

/**
 * Deployment settings read from CDK context ({@code cdk deploy -c key=value} or {@code cdk.json}).
 *
 * <p>Required: {@value #CERTIFICATE_ARN}, {@value #DASHBOARDS_HOST_NAME} and {@value
 * #MUNICIPALITY_CODES}. A synth without them fails with one message that names every missing key.
 * Relative paths resolve against the working directory, which is {@code infra/} when the CDK CLI
 * runs the app.
 *
 * @param certificateArn ACM certificate for the load balancer and the domain's custom endpoint; it
 *     must cover {@code dashboardsHostName} and be in the deployment region
 * @param dashboardsHostName host name under which staff reach OpenSearch Dashboards
 * @param municipalityCodes six-digit JIS X 0402 codes of the municipalities served, one set of
 *     Cognito groups each
 * @param flinkJarPath the job's shaded application jar
 * @param flinkPropertiesPath the job's property groups, {@code application-properties.json}
 * @param athenaDdlDir folder of {@code <table>.sql} files, one Glue table each
 * @param webMapDir the built staff web map, the folder with its {@code index.html}
 * @param cognitoDomainPrefix prefix of the Cognito hosted UI domain, or null for {@code
 *     cat-data-v21-<account>}
 * @param alarmEmail address subscribed to the alarm topic, or null for no subscription
 * @param athenaBytesScannedCutoff per-query limit of bytes scanned in the Athena workgroup
 * @param createConfigRecorder false where the account already has an AWS Config recorder in the
 *     region
 */
public record CatDataConfig(
        String certificateArn,
        String dashboardsHostName,
        List<String> municipalityCodes,
        Path flinkJarPath,
        Path flinkPropertiesPath,
        Path athenaDdlDir,
        Path webMapDir,
        String cognitoDomainPrefix,
        String alarmEmail,
        long athenaBytesScannedCutoff,
        boolean createConfigRecorder) {

    public static final String CERTIFICATE_ARN = "certificateArn";
    public static final String DASHBOARDS_HOST_NAME = "dashboardsHostName";
    public static final String MUNICIPALITY_CODES = "municipalityCodes";
    public static final String FLINK_JAR_PATH = "flinkJarPath";
    public static final String FLINK_PROPERTIES_PATH = "flinkPropertiesPath";
    public static final String ATHENA_DDL_DIR = "athenaDdlDir";
    public static final String WEB_MAP_DIR = "webMapDir";
    public static final String COGNITO_DOMAIN_PREFIX = "cognitoDomainPrefix";
    public static final String ALARM_EMAIL = "alarmEmail";
    public static final String ATHENA_BYTES_SCANNED_CUTOFF = "athenaBytesScannedCutoff";
    public static final String CREATE_CONFIG_RECORDER = "createConfigRecorder";

    /** Built by {@code mvn -B -pl flink-job,frontend -am package -DskipTests} from the root. */
    public static final String DEFAULT_FLINK_JAR =
            "../flink-job/target/cat-data-flink-job-0.1.0-SNAPSHOT-application.jar";

    public static final String DEFAULT_FLINK_PROPERTIES =
            "../flink-job/src/main/resources/application-properties.json";
    public static final String DEFAULT_ATHENA_DDL_DIR = "../athena-ddl/tables";

    /** Built by the same command as {@link #DEFAULT_FLINK_JAR}. */
    public static final String DEFAULT_WEB_MAP_DIR = "../frontend/web/target/dist";

    /** 10 GiB: about 0.05 USD per query at Athena's 5 USD per TiB scanned. */
    public static final long DEFAULT_ATHENA_BYTES_SCANNED_CUTOFF = 10L * 1024 * 1024 * 1024;

    /** Athena rejects a per-query limit below 10 MB. */
    static final long MIN_ATHENA_BYTES_SCANNED_CUTOFF = 10_000_000L;

    private static final Pattern CERTIFICATE_ARN_PATTERN =
            Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+");
    private static final Pattern HOST_NAME_PATTERN =
            Pattern.compile(
                    "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern COGNITO_PREFIX_PATTERN =
            Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public CatDataConfig {
        municipalityCodes = List.copyOf(municipalityCodes);
    }

    /**
     * Reads and checks the settings.
     *
     * @throws IllegalArgumentException naming every missing required key, or the first invalid
     *     value and how to fix it
     */
    public static CatDataConfig fromContext(Node node) {
        List<String> missing = new ArrayList<>();
        String certificateArn = text(node, CERTIFICATE_ARN);
        String hostName = text(node, DASHBOARDS_HOST_NAME);
        List<String> codes = list(node, MUNICIPALITY_CODES);
        if (certificateArn == null) {
            missing.add(CERTIFICATE_ARN + " (ACM certificate ARN for the Dashboards host name)");
        }
        if (hostName == null) {
            missing.add(DASHBOARDS_HOST_NAME + " (for example dashboards.city.example.jp)");
        }
        if (codes.isEmpty()) {
            missing.add(MUNICIPALITY_CODES + " (comma-separated JIS X 0402 codes, e.g. 131016)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "missing CDK context: "
                            + String.join(", ", missing)
                            + ". Pass them as cdk deploy -c "
                            + CERTIFICATE_ARN
                            + "=arn:aws:acm:... -c "
                            + DASHBOARDS_HOST_NAME
                            + "=... -c "
                            + MUNICIPALITY_CODES
                            + "=131016,... or put them in cdk.json under \"context\".");
        }

        Path jar = Path.of(textOr(node, FLINK_JAR_PATH, DEFAULT_FLINK_JAR));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(
                    "Flink job jar not found at "
                            + jar.toAbsolutePath().normalize()
                            + ". Build it with 'mvn -B -pl flink-job,frontend -am package"
                            + " -DskipTests' from the repository root, or set -c "
                            + FLINK_JAR_PATH
                            + "=<path to the application jar>.");
        }
        Path properties = Path.of(textOr(node, FLINK_PROPERTIES_PATH, DEFAULT_FLINK_PROPERTIES));
        if (!Files.isRegularFile(properties)) {
            throw new IllegalArgumentException(
                    "Flink property groups not found at "
                            + properties.toAbsolutePath().normalize()
                            + ". Set -c "
                            + FLINK_PROPERTIES_PATH
                            + "=<path to application-properties.json>.");
        }
        Path webMap = Path.of(textOr(node, WEB_MAP_DIR, DEFAULT_WEB_MAP_DIR));
        if (!Files.isRegularFile(webMap.resolve("index.html"))) {
            throw new IllegalArgumentException(
                    "staff web map not found: "
                            + webMap.toAbsolutePath().normalize()
                            + " has no index.html. Build it with 'mvn -B -pl flink-job,frontend -am"
                            + " package -DskipTests' from the repository root, or set -c "
                            + WEB_MAP_DIR
                            + "=<folder of the built map>.");
        }
        if (Files.exists(webMap.resolve("package.json"))) {
            throw new IllegalArgumentException(
                    "invalid "
                            + WEB_MAP_DIR
                            + " "
                            + webMap.toAbsolutePath().normalize()
                            + ": it is the web map's source folder (it has package.json), whose"
                            + " index.html loads the unbuilt TypeScript. Give the built folder,"
                            + " such as "
                            + DEFAULT_WEB_MAP_DIR
                            + ".");
        }
        String cutoffText = text(node, ATHENA_BYTES_SCANNED_CUTOFF);
        long cutoff =
                cutoffText == null ? DEFAULT_ATHENA_BYTES_SCANNED_CUTOFF : parseCutoff(cutoffText);

        return new CatDataConfig(
                checkCertificateArn(certificateArn),
                checkHostName(hostName),
                checkMunicipalityCodes(codes),
                jar,
                properties,
                Path.of(textOr(node, ATHENA_DDL_DIR, DEFAULT_ATHENA_DDL_DIR)),
                webMap,
                checkCognitoPrefix(text(node, COGNITO_DOMAIN_PREFIX)),
                text(node, ALARM_EMAIL),
                cutoff,
                !"false".equalsIgnoreCase(textOr(node, CREATE_CONFIG_RECORDER, "true")));
    }

    static String checkCertificateArn(String arn) {
        if (!CERTIFICATE_ARN_PATTERN.matcher(arn).matches()) {
            throw new IllegalArgumentException(
                    "invalid "
                            + CERTIFICATE_ARN
                            + " '"
                            + arn
                            + "': expected an ACM certificate ARN such as"
                            + " arn:aws:acm:ap-northeast-1:123456789012:certificate/<id>");
        }
        return arn;
    }

    static String checkHostName(String hostName) {
        if (!HOST_NAME_PATTERN.matcher(hostName).matches()) {
            throw new IllegalArgumentException(
                    "invalid "
                            + DASHBOARDS_HOST_NAME
                            + " '"
                            + hostName
                            + "': expected a fully qualified lower-case host name such as"
                            + " dashboards.city.example.jp");
        }
        return hostName;
    }

    static List<String> checkMunicipalityCodes(Collection<String> codes) {
        Set<String> unique = new LinkedHashSet<>();
        for (String code : codes) {
            if (!MunicipalityCodes.isValid(code)) {
                throw new IllegalArgumentException(
                        "invalid municipality code '"
                                + code
                                + "' in "
                                + MUNICIPALITY_CODES
                                + ": expected six digits ending in the JIS X 0402 check digit,"
                                + " for example 131016 for Chiyoda City, Tokyo");
            }
            unique.add(code);
        }
        return List.copyOf(unique);
    }

    static String checkCognitoPrefix(String prefix) {
        if (prefix == null) {
            return null;
        }
        // Cognito rejects prefixes that contain these reserved words.
        boolean reserved =
                prefix.contains("aws") || prefix.contains("amazon") || prefix.contains("cognito");
        if (!COGNITO_PREFIX_PATTERN.matcher(prefix).matches() || reserved) {
            throw new IllegalArgumentException(
                    "invalid "
                            + COGNITO_DOMAIN_PREFIX
                            + " '"
                            + prefix
                            + "': use lower-case letters, digits and hyphens, at most 63, without"
                            + " 'aws', 'amazon' or 'cognito'");
        }
        return prefix;
    }

    private static long parseCutoff(String text) {
        long cutoff;
        try {
            cutoff = Long.parseLong(text);
        } catch (NumberFormatException e) {
            cutoff = -1;
        }
        if (cutoff < MIN_ATHENA_BYTES_SCANNED_CUTOFF) {
            throw new IllegalArgumentException(
                    "invalid "
                            + ATHENA_BYTES_SCANNED_CUTOFF
                            + " '"
                            + text
                            + "': expected a number of bytes of at least "
                            + MIN_ATHENA_BYTES_SCANNED_CUTOFF);
        }
        return cutoff;
    }

    private static String text(Node node, String key) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    private static String textOr(Node node, String key, String defaultValue) {
        String value = text(node, key);
        return value == null ? defaultValue : value;
    }

    /** Reads a list given as a JSON array in cdk.json or as comma-separated text on the CLI. */
    private static List<String> list(Node node, String key) {
        Object value = node.tryGetContext(key);
        List<String> items = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            for (Object item : collection) {
                items.add(String.valueOf(item).trim());
            }
        } else if (value != null) {
            for (String item : value.toString().split(",")) {
                items.add(item.trim());
            }
        }
        items.removeIf(String::isEmpty);
        return items;
    }
}
