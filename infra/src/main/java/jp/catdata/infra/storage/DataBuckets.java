package jp.catdata.infra.storage;

import java.util.List;
import java.util.Map;
import jp.catdata.infra.Names;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The data bucket {@value Names#DATA_BUCKET} and the bucket that receives the access logs of all
 * buckets and of the load balancer.
 *
 * <p>Both use SSE-S3 (AES-256), block all public access and deny requests without TLS 1.2 or later
 * in their bucket policies. The data bucket keeps old object versions for {@value
 * #NONCURRENT_VERSION_DAYS} days and Athena query results for {@value #ATHENA_RESULTS_DAYS} days.
 */
public final class DataBuckets extends Construct {

    public static final int NONCURRENT_VERSION_DAYS = 90;
    public static final int ATHENA_RESULTS_DAYS = 30;
    public static final int INCOMPLETE_UPLOAD_DAYS = 7;
    public static final int ACCESS_LOG_DAYS = 365;

    /** Prefix of the S3 server access logs in the log bucket, followed by the source bucket. */
    public static final String S3_ACCESS_LOG_PREFIX = "s3/";

    private final Bucket logBucket;
    private final Bucket dataBucket;

    public DataBuckets(Construct scope, String id) {
        super(scope, id);

        logBucket =
                Bucket.Builder.create(this, "LogBucket")
                        .bucketName(logBucketName(Stack.of(this)))
                        .encryption(BucketEncryption.S3_MANAGED)
                        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                        .enforceSsl(true)
                        .minimumTlsVersion(1.2)
                        .lifecycleRules(
                                List.of(
                                        LifecycleRule.builder()
                                                .id("expire-logs")
                                                .expiration(Duration.days(ACCESS_LOG_DAYS))
                                                .build()))
                        .removalPolicy(RemovalPolicy.RETAIN)
                        .build();
        allowServerAccessLogsFromThisAccount(logBucket);

        dataBucket =
                Bucket.Builder.create(this, "DataBucket")
                        .bucketName(Names.DATA_BUCKET)
                        .versioned(true)
                        .encryption(BucketEncryption.S3_MANAGED)
                        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                        .enforceSsl(true)
                        .minimumTlsVersion(1.2)
                        .serverAccessLogsBucket(logBucket)
                        .serverAccessLogsPrefix(S3_ACCESS_LOG_PREFIX + Names.DATA_BUCKET + "/")
                        .lifecycleRules(
                                List.of(
                                        LifecycleRule.builder()
                                                .id("expire-old-versions")
                                                .noncurrentVersionExpiration(
                                                        Duration.days(NONCURRENT_VERSION_DAYS))
                                                .abortIncompleteMultipartUploadAfter(
                                                        Duration.days(INCOMPLETE_UPLOAD_DAYS))
                                                .build(),
                                        LifecycleRule.builder()
                                                .id("expire-athena-results")
                                                .prefix(Names.ATHENA_RESULTS_PREFIX)
                                                .expiration(Duration.days(ATHENA_RESULTS_DAYS))
                                                .build()))
                        .removalPolicy(RemovalPolicy.RETAIN)
                        .build();
    }

    /**
     * Returns the log bucket's name, {@code cat-data-v21-logs-<account>-<region>}. Stacks that log
     * into it import it by this name: passing the bucket object instead would make its policy name
     * their buckets and tie the stacks into a cycle.
     */
    public static String logBucketName(Stack stack) {
        return Names.DATA_BUCKET + "-logs-" + stack.getAccount() + "-" + stack.getRegion();
    }

    /**
     * Lets S3 deliver server access logs of any bucket of this account under {@value
     * #S3_ACCESS_LOG_PREFIX}, including buckets in other stacks.
     */
    private static void allowServerAccessLogsFromThisAccount(Bucket bucket) {
        bucket.addToResourcePolicy(
                PolicyStatement.Builder.create()
                        .sid("S3ServerAccessLogsFromThisAccount")
                        .effect(Effect.ALLOW)
                        .principals(List.of(new ServicePrincipal("logging.s3.amazonaws.com")))
                        .actions(List.of("s3:PutObject"))
                        .resources(List.of(bucket.arnForObjects(S3_ACCESS_LOG_PREFIX + "*")))
                        .conditions(
                                Map.of(
                                        "StringEquals",
                                        Map.of("aws:SourceAccount", Stack.of(bucket).getAccount())))
                        .build());
    }

    public IBucket logBucket() {
        return logBucket;
    }

    public IBucket dataBucket() {
        return dataBucket;
    }
}
