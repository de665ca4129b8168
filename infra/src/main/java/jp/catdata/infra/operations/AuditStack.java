package jp.catdata.infra.operations;

import java.util.List;
import java.util.Map;
import jp.catdata.infra.Names;
import jp.catdata.infra.storage.DataBuckets;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudtrail.Trail;
import software.amazon.awscdk.services.config.CfnConfigurationRecorder;
import software.amazon.awscdk.services.config.CfnDeliveryChannel;
import software.amazon.awscdk.services.config.ManagedRule;
import software.amazon.awscdk.services.config.ManagedRuleIdentifiers;
import software.amazon.awscdk.services.config.ResourceType;
import software.amazon.awscdk.services.config.RuleScope;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * Audit: a multi-region CloudTrail trail with log file validation, encrypted with its own KMS key,
 * and AWS Config with managed rules that check the settings of the resources in the other stacks.
 *
 * <p>An account has at most one Config recorder per region. Where one exists already, for example
 * under AWS Control Tower, deploy with {@code -c createConfigRecorder=false}: the rules then use
 * that recorder.
 */
public final class AuditStack extends Stack {

    public static final String TRAIL_NAME = "cat-data-v21";
    public static final String CONFIG_PREFIX = "config";
    public static final int AUDIT_LOG_DAYS = 5 * 365;

    private final Trail trail;

    public AuditStack(Construct scope, String id, StackProps props, boolean createConfigRecorder) {
        super(scope, id, props);

        String auditBucketName = Names.DATA_BUCKET + "-audit-" + getAccount() + "-" + getRegion();
        Bucket auditBucket =
                Bucket.Builder.create(this, "AuditBucket")
                        .bucketName(auditBucketName)
                        .versioned(true)
                        .encryption(BucketEncryption.S3_MANAGED)
                        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                        .enforceSsl(true)
                        .minimumTlsVersion(1.2)
                        // Imported by name: see DataBuckets.logBucketName.
                        .serverAccessLogsBucket(
                                Bucket.fromBucketName(
                                        this, "LogBucket", DataBuckets.logBucketName(this)))
                        .serverAccessLogsPrefix(
                                DataBuckets.S3_ACCESS_LOG_PREFIX + auditBucketName + "/")
                        .lifecycleRules(
                                List.of(
                                        LifecycleRule.builder()
                                                .id("archive-then-expire")
                                                .transitions(
                                                        List.of(
                                                                Transition.builder()
                                                                        .storageClass(
                                                                                StorageClass
                                                                                        .GLACIER_INSTANT_RETRIEVAL)
                                                                        .transitionAfter(
                                                                                Duration.days(90))
                                                                        .build()))
                                                .expiration(Duration.days(AUDIT_LOG_DAYS))
                                                .noncurrentVersionExpiration(Duration.days(30))
                                                .build()))
                        .removalPolicy(RemovalPolicy.RETAIN)
                        .build();
        Annotations.of(auditBucket)
                .acknowledgeWarning(
                        "@aws-cdk/aws-s3:accessLogsPolicyNotAdded",
                        "The log bucket's policy admits server access logs from every bucket of"
                                + " this account; see DataBuckets.");

        Key trailKey =
                Key.Builder.create(this, "TrailKey")
                        .description("Encrypts the cat-data-v21 CloudTrail log files")
                        .enableKeyRotation(true)
                        .removalPolicy(RemovalPolicy.RETAIN)
                        .build();
        String trailArn =
                "arn:"
                        + getPartition()
                        + ":cloudtrail:"
                        + getRegion()
                        + ":"
                        + getAccount()
                        + ":trail/"
                        + TRAIL_NAME;
        trailKey.addToResourcePolicy(
                PolicyStatement.Builder.create()
                        .sid("CloudTrailEncryptsLogFiles")
                        .principals(List.of(new ServicePrincipal("cloudtrail.amazonaws.com")))
                        .actions(List.of("kms:GenerateDataKey*"))
                        .resources(List.of("*"))
                        .conditions(
                                Map.of(
                                        "StringEquals",
                                        Map.of("aws:SourceArn", trailArn),
                                        "StringLike",
                                        Map.of(
                                                "kms:EncryptionContext:aws:cloudtrail:arn",
                                                "arn:"
                                                        + getPartition()
                                                        + ":cloudtrail:*:"
                                                        + getAccount()
                                                        + ":trail/*")))
                        .build());
        trailKey.addToResourcePolicy(
                PolicyStatement.Builder.create()
                        .sid("CloudTrailDescribesKey")
                        .principals(List.of(new ServicePrincipal("cloudtrail.amazonaws.com")))
                        .actions(List.of("kms:DescribeKey"))
                        .resources(List.of("*"))
                        .build());

        trail =
                Trail.Builder.create(this, "Trail")
                        .trailName(TRAIL_NAME)
                        .bucket(auditBucket)
                        .encryptionKey(trailKey)
                        .enableFileValidation(true)
                        .isMultiRegionTrail(true)
                        .includeGlobalServiceEvents(true)
                        .sendToCloudWatchLogs(true)
                        .cloudWatchLogsRetention(RetentionDays.ONE_YEAR)
                        .build();

        CfnConfigurationRecorder recorder = null;
        if (createConfigRecorder) {
            recorder = configRecorder(auditBucket);
        }
        addConfigRules(recorder);
    }

    private CfnConfigurationRecorder configRecorder(Bucket auditBucket) {
        Role role =
                Role.Builder.create(this, "ConfigRole")
                        .assumedBy(new ServicePrincipal("config.amazonaws.com"))
                        .managedPolicies(
                                List.of(
                                        ManagedPolicy.fromAwsManagedPolicyName(
                                                "service-role/AWS_ConfigRole")))
                        .build();
        auditBucket.addToResourcePolicy(
                PolicyStatement.Builder.create()
                        .sid("ConfigChecksBucket")
                        .principals(List.of(new ServicePrincipal("config.amazonaws.com")))
                        .actions(List.of("s3:GetBucketAcl", "s3:ListBucket"))
                        .resources(List.of(auditBucket.getBucketArn()))
                        .conditions(
                                Map.of("StringEquals", Map.of("aws:SourceAccount", getAccount())))
                        .build());
        auditBucket.addToResourcePolicy(
                PolicyStatement.Builder.create()
                        .sid("ConfigDelivers")
                        .principals(List.of(new ServicePrincipal("config.amazonaws.com")))
                        .actions(List.of("s3:PutObject"))
                        .resources(
                                List.of(
                                        auditBucket.arnForObjects(
                                                CONFIG_PREFIX
                                                        + "/AWSLogs/"
                                                        + getAccount()
                                                        + "/Config/*")))
                        .conditions(
                                Map.of("StringEquals", Map.of("aws:SourceAccount", getAccount())))
                        .build());

        CfnConfigurationRecorder recorder =
                CfnConfigurationRecorder.Builder.create(this, "ConfigRecorder")
                        .name("cat-data-v21")
                        .roleArn(role.getRoleArn())
                        .recordingGroup(
                                CfnConfigurationRecorder.RecordingGroupProperty.builder()
                                        .allSupported(true)
                                        .includeGlobalResourceTypes(true)
                                        .build())
                        .build();
        CfnDeliveryChannel channel =
                CfnDeliveryChannel.Builder.create(this, "ConfigDelivery")
                        .name("cat-data-v21")
                        .s3BucketName(auditBucket.getBucketName())
                        .s3KeyPrefix(CONFIG_PREFIX)
                        .configSnapshotDeliveryProperties(
                                CfnDeliveryChannel.ConfigSnapshotDeliveryPropertiesProperty
                                        .builder()
                                        .deliveryFrequency("TwentyFour_Hours")
                                        .build())
                        .build();
        channel.getNode().addDependency(auditBucket);
        return recorder;
    }

    /** Managed rules for the resources this app deploys, one per setting worth watching. */
    private void addConfigRules(CfnConfigurationRecorder recorder) {
        RuleScope dataBucket = RuleScope.fromResource(ResourceType.S3_BUCKET, Names.DATA_BUCKET);
        RuleScope buckets = RuleScope.fromResources(List.of(ResourceType.S3_BUCKET));
        RuleScope domains = RuleScope.fromResources(List.of(ResourceType.OPENSEARCH_DOMAIN));

        rule(
                recorder,
                "DataBucketVersioning",
                ManagedRuleIdentifiers.S3_BUCKET_VERSIONING_ENABLED,
                dataBucket,
                null);
        rule(
                recorder,
                "DataBucketLogging",
                ManagedRuleIdentifiers.S3_BUCKET_LOGGING_ENABLED,
                dataBucket,
                null);
        rule(
                recorder,
                "BucketEncryption",
                ManagedRuleIdentifiers.S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED,
                buckets,
                null);
        rule(
                recorder,
                "BucketTlsOnly",
                ManagedRuleIdentifiers.S3_BUCKET_SSL_REQUESTS_ONLY,
                buckets,
                null);
        rule(
                recorder,
                "BucketPublicAccessBlocked",
                ManagedRuleIdentifiers.S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED,
                buckets,
                null);

        rule(
                recorder,
                "StreamEncrypted",
                ManagedRuleIdentifiers.KINESIS_STREAM_ENCRYPTED,
                null,
                null);

        rule(
                recorder,
                "SearchEncryptedAtRest",
                ManagedRuleIdentifiers.OPENSEARCH_ENCRYPTED_AT_REST,
                domains,
                null);
        rule(
                recorder,
                "SearchNodeToNodeEncryption",
                ManagedRuleIdentifiers.OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK,
                domains,
                null);
        rule(
                recorder,
                "SearchHttpsRequired",
                ManagedRuleIdentifiers.OPENSEARCH_HTTPS_REQUIRED,
                domains,
                null);
        rule(
                recorder,
                "SearchInVpcOnly",
                ManagedRuleIdentifiers.OPENSEARCH_IN_VPC_ONLY,
                domains,
                null);
        rule(
                recorder,
                "SearchAccessControl",
                ManagedRuleIdentifiers.OPENSEARCH_ACCESS_CONTROL_ENABLED,
                domains,
                null);
        rule(
                recorder,
                "SearchAuditLogging",
                ManagedRuleIdentifiers.OPENSEARCH_AUDIT_LOGGING_ENABLED,
                domains,
                null);
        rule(
                recorder,
                "SearchLogsToCloudWatch",
                ManagedRuleIdentifiers.OPENSEARCH_LOGS_TO_CLOUDWATCH,
                domains,
                null);

        rule(
                recorder,
                "DefaultSecurityGroupClosed",
                ManagedRuleIdentifiers.VPC_DEFAULT_SECURITY_GROUP_CLOSED,
                null,
                null);
        rule(
                recorder,
                "SecurityGroupsOpenOnlyToWebPorts",
                ManagedRuleIdentifiers.VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS,
                null,
                Map.of("authorizedTcpPorts", "80,443"));
        rule(
                recorder,
                "NoUnrestrictedSsh",
                ManagedRuleIdentifiers.EC2_SECURITY_GROUPS_INCOMING_SSH_DISABLED,
                null,
                null);
        rule(recorder, "VpcFlowLogs", ManagedRuleIdentifiers.VPC_FLOW_LOGS_ENABLED, null, null);
        rule(
                recorder,
                "InstancesRequireImdsv2",
                ManagedRuleIdentifiers.EC2_IMDSV2_CHECK,
                null,
                null);
        rule(
                recorder,
                "InstancesWithoutPublicIp",
                ManagedRuleIdentifiers.EC2_INSTANCE_NO_PUBLIC_IP,
                null,
                null);
        rule(
                recorder,
                "EncryptedVolumes",
                ManagedRuleIdentifiers.EBS_ENCRYPTED_VOLUMES,
                null,
                null);

        rule(
                recorder,
                "LoadBalancerRedirectsHttp",
                ManagedRuleIdentifiers.ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK,
                null,
                null);
        rule(recorder, "LoadBalancerWaf", ManagedRuleIdentifiers.ALB_WAF_ENABLED, null, null);
        rule(
                recorder,
                "LoadBalancerDropsInvalidHeaders",
                ManagedRuleIdentifiers.ALB_HTTP_DROP_INVALID_HEADER_ENABLED,
                null,
                null);
        rule(
                recorder,
                "LoadBalancerLogging",
                ManagedRuleIdentifiers.ELB_LOGGING_ENABLED,
                null,
                null);

        rule(recorder, "TrailEnabled", ManagedRuleIdentifiers.CLOUD_TRAIL_ENABLED, null, null);
        rule(
                recorder,
                "TrailLogFileValidation",
                ManagedRuleIdentifiers.CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED,
                null,
                null);
        rule(
                recorder,
                "TrailEncrypted",
                ManagedRuleIdentifiers.CLOUD_TRAIL_ENCRYPTION_ENABLED,
                null,
                null);
        rule(
                recorder,
                "AlarmsHaveActions",
                ManagedRuleIdentifiers.CLOUDWATCH_ALARM_ACTION_CHECK,
                null,
                Map.of("alarmActionRequired", "true"));
    }

    private void rule(
            CfnConfigurationRecorder recorder,
            String id,
            String identifier,
            RuleScope scope,
            Map<String, Object> parameters) {
        ManagedRule.Builder builder =
                ManagedRule.Builder.create(this, id)
                        .configRuleName("cat-data-v21-" + id)
                        .identifier(identifier);
        if (scope != null) {
            builder.ruleScope(scope);
        }
        if (parameters != null) {
            builder.inputParameters(parameters);
        }
        ManagedRule rule = builder.build();
        if (recorder != null) {
            // A rule can only be created once the region has a recorder.
            rule.getNode().addDependency(recorder);
        }
    }

    public Trail trail() {
        return trail;
    }
}
