package jp.catdata.infra.processing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.catdata.infra.Names;
import jp.catdata.infra.identity.StaffIdentity;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication.ApplicationRestoreConfigurationProperty;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication.ApplicationSnapshotConfigurationProperty;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication.EnvironmentPropertiesProperty;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication.RunConfigurationProperty;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication.VpcConfigurationProperty;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplicationCloudWatchLoggingOption;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * The Managed Service for Apache Flink application {@value Names#FLINK_APPLICATION} that runs the
 * job jar in the private subnets, with its service role and its log group {@value Names#LOG_GROUP}.
 *
 * <p>The design's preprocessing function {@value Names#PREPROCESSOR_STAGE} (512 MB, 30 s, triggered
 * by the stream) is not a separate Lambda function: the job's first stage, whose operators are
 * named {@code cat-data-preprocessor: validate}, {@code ...: deduplicate} and {@code ...:
 * order-and-clean}, does that validation and cleaning inside this application.
 *
 * <p>Checkpoints every {@value #CHECKPOINT_INTERVAL_MS} ms, snapshots on stop and update, and
 * autoscaling from a parallelism of {@value #PARALLELISM}. The role reads only the position stream,
 * writes only under {@code curated/} in the data bucket and only to {@code cat-*} indices and index
 * templates of the search domain.
 */
public final class FlinkApplication extends Construct {

    public static final String RUNTIME = "FLINK-1_19";
    public static final long CHECKPOINT_INTERVAL_MS = 60_000;
    public static final long MIN_PAUSE_BETWEEN_CHECKPOINTS_MS = 5_000;
    public static final int PARALLELISM = 2;
    public static final int PARALLELISM_PER_KPU = 1;
    public static final RetentionDays LOG_RETENTION = RetentionDays.THREE_MONTHS;

    /** Kinesis read actions, including enhanced fan-out consumers. */
    static final List<String> KINESIS_READ_ACTIONS =
            List.of(
                    "kinesis:DescribeStream",
                    "kinesis:DescribeStreamSummary",
                    "kinesis:GetRecords",
                    "kinesis:GetShardIterator",
                    "kinesis:ListShards",
                    "kinesis:ListStreamConsumers",
                    "kinesis:RegisterStreamConsumer",
                    "kinesis:DeregisterStreamConsumer",
                    "kinesis:DescribeStreamConsumer",
                    "kinesis:SubscribeToShard");

    /**
     * Actions of the Parquet file sink: multipart uploads, reads on recovery, cleanup of temp
     * files.
     */
    static final List<String> S3_WRITE_ACTIONS =
            List.of(
                    "s3:PutObject",
                    "s3:GetObject",
                    "s3:DeleteObject",
                    "s3:AbortMultipartUpload",
                    "s3:ListMultipartUploadParts");

    static final List<String> SEARCH_WRITE_ACTIONS =
            List.of("es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut");

    private final CfnApplication application;
    private final Role role;
    private final LogGroup logGroup;

    /**
     * @param jar the job's application jar, uploaded as a CDK asset
     * @param propertyGroups the groups the application hands the job
     */
    public FlinkApplication(
            Construct scope,
            String id,
            Path jar,
            Map<String, Map<String, String>> propertyGroups,
            List<ISubnet> subnets,
            ISecurityGroup securityGroup,
            IStream stream,
            IBucket dataBucket) {
        super(scope, id);
        Stack stack = Stack.of(this);

        logGroup =
                LogGroup.Builder.create(this, "LogGroup")
                        .logGroupName(Names.LOG_GROUP)
                        .retention(LOG_RETENTION)
                        .removalPolicy(RemovalPolicy.RETAIN)
                        .build();
        LogStream logStream =
                LogStream.Builder.create(this, "LogStream")
                        .logGroup(logGroup)
                        .logStreamName(Names.FLINK_LOG_STREAM)
                        .removalPolicy(RemovalPolicy.RETAIN)
                        .build();

        Asset code = Asset.Builder.create(this, "JobJar").path(jar.toString()).build();

        String applicationArn =
                stack.formatArn(
                        ArnComponents.builder()
                                .service("kinesisanalytics")
                                .resource("application")
                                .resourceName(Names.FLINK_APPLICATION)
                                .build());
        role =
                Role.Builder.create(this, "ServiceRole")
                        .assumedBy(
                                new ServicePrincipal("kinesisanalytics.amazonaws.com")
                                        .withConditions(
                                                Map.of(
                                                        "StringEquals",
                                                        Map.of(
                                                                "aws:SourceAccount",
                                                                stack.getAccount()),
                                                        "ArnLike",
                                                        Map.of("aws:SourceArn", applicationArn))))
                        .description("Service role of the cat-data Flink application")
                        .build();
        addPermissions(stack, code, stream, dataBucket, logGroup, subnets, securityGroup);

        CfnApplication.ApplicationConfigurationProperty configuration =
                CfnApplication.ApplicationConfigurationProperty.builder()
                        .applicationCodeConfiguration(codeConfiguration(code))
                        .applicationSnapshotConfiguration(
                                ApplicationSnapshotConfigurationProperty.builder()
                                        .snapshotsEnabled(true)
                                        .build())
                        .environmentProperties(
                                EnvironmentPropertiesProperty.builder()
                                        .propertyGroups(
                                                ApplicationProperties.toPropertyGroups(
                                                        propertyGroups))
                                        .build())
                        .flinkApplicationConfiguration(flinkConfiguration())
                        .vpcConfigurations(List.of(vpcConfiguration(subnets, securityGroup)))
                        .build();
        application =
                CfnApplication.Builder.create(this, "Application")
                        .applicationName(Names.FLINK_APPLICATION)
                        .applicationDescription(
                                "Validates cat position events ("
                                        + Names.PREPROCESSOR_STAGE
                                        + " stage), computes density and movement, writes"
                                        + " Parquet and OpenSearch")
                        .runtimeEnvironment(RUNTIME)
                        .applicationMode("STREAMING")
                        .serviceExecutionRole(role.getRoleArn())
                        .runConfiguration(
                                RunConfigurationProperty.builder()
                                        .applicationRestoreConfiguration(
                                                ApplicationRestoreConfigurationProperty.builder()
                                                        .applicationRestoreType(
                                                                "RESTORE_FROM_LATEST_SNAPSHOT")
                                                        .build())
                                        .build())
                        .applicationConfiguration(configuration)
                        .build();
        // The role's policy must exist before the service checks it on creation.
        application.getNode().addDependency(role);

        CfnApplicationCloudWatchLoggingOption logging =
                CfnApplicationCloudWatchLoggingOption.Builder.create(this, "Logging")
                        .applicationName(application.getRef())
                        .cloudWatchLoggingOption(
                                CfnApplicationCloudWatchLoggingOption
                                        .CloudWatchLoggingOptionProperty.builder()
                                        .logStreamArn(logStreamArn(stack))
                                        .build())
                        .build();
        logging.getNode().addDependency(logStream);
    }

    private static VpcConfigurationProperty vpcConfiguration(
            List<ISubnet> subnets, ISecurityGroup securityGroup) {
        List<String> subnetIds = subnets.stream().map(ISubnet::getSubnetId).toList();
        return VpcConfigurationProperty.builder()
                .subnetIds(subnetIds)
                .securityGroupIds(List.of(securityGroup.getSecurityGroupId()))
                .build();
    }

    private static CfnApplication.ApplicationCodeConfigurationProperty codeConfiguration(
            Asset code) {
        return CfnApplication.ApplicationCodeConfigurationProperty.builder()
                .codeContentType("ZIPFILE")
                .codeContent(
                        CfnApplication.CodeContentProperty.builder()
                                .s3ContentLocation(
                                        CfnApplication.S3ContentLocationProperty.builder()
                                                .bucketArn(code.getBucket().getBucketArn())
                                                .fileKey(code.getS3ObjectKey())
                                                .build())
                                .build())
                .build();
    }

    private static CfnApplication.FlinkApplicationConfigurationProperty flinkConfiguration() {
        return CfnApplication.FlinkApplicationConfigurationProperty.builder()
                .checkpointConfiguration(
                        CfnApplication.CheckpointConfigurationProperty.builder()
                                .configurationType("CUSTOM")
                                .checkpointingEnabled(true)
                                .checkpointInterval(CHECKPOINT_INTERVAL_MS)
                                .minPauseBetweenCheckpoints(MIN_PAUSE_BETWEEN_CHECKPOINTS_MS)
                                .build())
                .monitoringConfiguration(
                        CfnApplication.MonitoringConfigurationProperty.builder()
                                .configurationType("CUSTOM")
                                // AWS advises INFO: Flink logs some failures at INFO.
                                .logLevel("INFO")
                                .metricsLevel("APPLICATION")
                                .build())
                .parallelismConfiguration(
                        CfnApplication.ParallelismConfigurationProperty.builder()
                                .configurationType("CUSTOM")
                                .autoScalingEnabled(true)
                                .parallelism(PARALLELISM)
                                .parallelismPerKpu(PARALLELISM_PER_KPU)
                                .build())
                .build();
    }

    private void addPermissions(
            Stack stack,
            Asset code,
            IStream stream,
            IBucket dataBucket,
            LogGroup logGroup,
            List<ISubnet> subnets,
            ISecurityGroup securityGroup) {
        role.addToPolicy(
                statement(
                        "ReadPositionStream",
                        KINESIS_READ_ACTIONS,
                        stream.getStreamArn(),
                        stream.getStreamArn() + "/consumer/*"));

        role.addToPolicy(
                statement(
                        "WriteCuratedTables",
                        S3_WRITE_ACTIONS,
                        dataBucket.arnForObjects(Names.CURATED_PREFIX + "*")));
        role.addToPolicy(
                PolicyStatement.Builder.create()
                        .sid("ListCuratedPrefix")
                        .actions(List.of("s3:ListBucket"))
                        .resources(List.of(dataBucket.getBucketArn()))
                        .conditions(
                                Map.of(
                                        "StringLike",
                                        Map.of("s3:prefix", Names.CURATED_PREFIX + "*")))
                        .build());
        role.addToPolicy(
                statement(
                        "LocateDataBucket",
                        List.of("s3:GetBucketLocation"),
                        dataBucket.getBucketArn()));

        role.addToPolicy(
                statement(
                        "ReadJobJar",
                        List.of("s3:GetObject", "s3:GetObjectVersion"),
                        code.getBucket().arnForObjects(code.getS3ObjectKey())));

        // Index paths: the job's indices, _bulk, the path of multi-index bulk requests, and the
        // job's index templates, which each sink writer puts before its first write.
        String domainArn = StaffIdentity.searchDomainArn(this);
        role.addToPolicy(
                statement(
                        "WriteSearchIndices",
                        SEARCH_WRITE_ACTIONS,
                        domainArn + "/" + Names.INDEX_PREFIX + "*",
                        domainArn + "/_bulk",
                        domainArn + "/_index_template/" + Names.INDEX_PREFIX + "*"));

        role.addToPolicy(
                statement(
                        "WriteApplicationLogs",
                        List.of("logs:PutLogEvents", "logs:DescribeLogStreams"),
                        logGroup.getLogGroupArn(),
                        logStreamArn(stack)));
        // The service lists log groups to check the logging option; this action has no
        // resource-level permissions narrower than the account's log groups.
        role.addToPolicy(
                statement(
                        "DescribeLogGroups",
                        List.of("logs:DescribeLogGroups"),
                        stack.formatArn(
                                ArnComponents.builder()
                                        .service("logs")
                                        .resource("log-group")
                                        .resourceName("*")
                                        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                                        .build())));

        addVpcPermissions(stack, subnets, securityGroup);
    }

    /** Lets the service place the application's network interfaces in the private subnets. */
    private void addVpcPermissions(
            Stack stack, List<ISubnet> subnets, ISecurityGroup securityGroup) {
        // EC2 Describe actions support no resource-level permissions.
        role.addToPolicy(
                statement(
                        "DescribeVpcResources",
                        List.of(
                                "ec2:DescribeVpcs",
                                "ec2:DescribeSubnets",
                                "ec2:DescribeSecurityGroups",
                                "ec2:DescribeDhcpOptions",
                                "ec2:DescribeNetworkInterfaces"),
                        "*"));
        String networkInterfaces = ec2Arn(stack, "network-interface", "*");
        List<String> createResources = new ArrayList<>();
        createResources.add(networkInterfaces);
        createResources.add(ec2Arn(stack, "security-group", securityGroup.getSecurityGroupId()));
        for (ISubnet subnet : subnets) {
            createResources.add(ec2Arn(stack, "subnet", subnet.getSubnetId()));
        }
        role.addToPolicy(
                PolicyStatement.Builder.create()
                        .sid("CreateNetworkInterfaces")
                        .actions(List.of("ec2:CreateNetworkInterface"))
                        .resources(createResources)
                        .build());
        role.addToPolicy(
                statement(
                        "ManageNetworkInterfaces",
                        List.of(
                                "ec2:CreateNetworkInterfacePermission",
                                "ec2:DeleteNetworkInterface"),
                        networkInterfaces));
    }

    private static String ec2Arn(Stack stack, String resource, String name) {
        return stack.formatArn(
                ArnComponents.builder()
                        .service("ec2")
                        .resource(resource)
                        .resourceName(name)
                        .build());
    }

    private static String logStreamArn(Stack stack) {
        return stack.formatArn(
                ArnComponents.builder()
                        .service("logs")
                        .resource("log-group")
                        .resourceName(Names.LOG_GROUP + ":log-stream:" + Names.FLINK_LOG_STREAM)
                        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                        .build());
    }

    private static PolicyStatement statement(String sid, List<String> actions, String... arns) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .actions(actions)
                .resources(List.of(arns))
                .build();
    }

    public CfnApplication application() {
        return application;
    }

    public Role role() {
        return role;
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
