package jp.catdata.infra.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jp.catdata.infra.CatDataConfig;
import jp.catdata.infra.TestApp;
import jp.catdata.infra.catalog.DdlFiles;
import jp.catdata.infra.catalog.TableDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class DataStackTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = TestApp.template(TestApp.stacks().data());
    }

    @Test
    void dataBucketNameAndVersioning() {
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "BucketName",
                        "cat-data-v21",
                        "VersioningConfiguration",
                        Map.of("Status", "Enabled")));
    }

    @Test
    void dataBucketEncryptedWithSseS3() {
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "BucketName",
                        "cat-data-v21",
                        "BucketEncryption",
                        Map.of(
                                "ServerSideEncryptionConfiguration",
                                List.of(
                                        Map.of(
                                                "ServerSideEncryptionByDefault",
                                                Map.of("SSEAlgorithm", "AES256"))))));
    }

    @Test
    void bucketsBlockAllPublicAccess() {
        Map<String, Map<String, Object>> buckets = template.findResources("AWS::S3::Bucket");

        assertThat(buckets).hasSize(2);
        for (Map<String, Object> bucket : buckets.values()) {
            assertThat(properties(bucket).get("PublicAccessBlockConfiguration"))
                    .isEqualTo(
                            Map.of(
                                    "BlockPublicAcls", true,
                                    "BlockPublicPolicy", true,
                                    "IgnorePublicAcls", true,
                                    "RestrictPublicBuckets", true));
        }
    }

    @Test
    void bucketPoliciesRequireTls() {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::S3::BucketPolicy");

        assertThat(policies).hasSize(2);
        template.allResourcesProperties(
                "AWS::S3::BucketPolicy",
                Map.of(
                        "PolicyDocument",
                        Map.of(
                                "Statement",
                                Match.arrayWith(
                                        List.of(
                                                Match.objectLike(
                                                        Map.of(
                                                                "Effect",
                                                                "Deny",
                                                                "Action",
                                                                "s3:*",
                                                                "Principal",
                                                                Map.of("AWS", "*"),
                                                                "Condition",
                                                                Map.of(
                                                                        "Bool",
                                                                        Map.of(
                                                                                "aws:SecureTransport",
                                                                                "false")))))))));
    }

    @Test
    void dataBucketLogsToLogBucket() {
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "BucketName",
                        "cat-data-v21",
                        "LoggingConfiguration",
                        Map.of(
                                "DestinationBucketName",
                                Map.of("Ref", Match.stringLikeRegexp("StorageLogBucket.*")),
                                "LogFilePrefix",
                                "s3/cat-data-v21/")));
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of("BucketName", "cat-data-v21-logs-123456789012-ap-northeast-1"));
    }

    @Test
    void logBucketAcceptsAccessLogsOfThisAccount() {
        template.hasResourceProperties(
                "AWS::S3::BucketPolicy",
                Map.of(
                        "PolicyDocument",
                        Map.of(
                                "Statement",
                                Match.arrayWith(
                                        List.of(
                                                Match.objectLike(
                                                        Map.of(
                                                                "Sid",
                                                                "S3ServerAccessLogsFromThisAccount",
                                                                "Effect",
                                                                "Allow",
                                                                "Principal",
                                                                Map.of(
                                                                        "Service",
                                                                        "logging.s3.amazonaws.com"),
                                                                "Action",
                                                                "s3:PutObject",
                                                                "Condition",
                                                                Map.of(
                                                                        "StringEquals",
                                                                        Map.of(
                                                                                "aws:SourceAccount",
                                                                                "123456789012")))))))));
    }

    @Test
    void lifecycleExpiresOldVersions() {
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "BucketName",
                        "cat-data-v21",
                        "LifecycleConfiguration",
                        Map.of(
                                "Rules",
                                Match.arrayWith(
                                        List.of(
                                                Match.objectLike(
                                                        Map.of(
                                                                "Id", "expire-old-versions",
                                                                "Status", "Enabled",
                                                                "NoncurrentVersionExpiration",
                                                                        Map.of(
                                                                                "NoncurrentDays",
                                                                                90))))))));
    }

    @Test
    void lifecycleExpiresAthenaResults() {
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "BucketName",
                        "cat-data-v21",
                        "LifecycleConfiguration",
                        Map.of(
                                "Rules",
                                Match.arrayWith(
                                        List.of(
                                                Match.objectLike(
                                                        Map.of(
                                                                "Id", "expire-athena-results",
                                                                "Prefix", "athena-results/",
                                                                "ExpirationInDays", 30,
                                                                "Status", "Enabled")))))));
    }

    @Test
    void glueDatabase() {
        template.resourceCountIs("AWS::Glue::Database", 1);
        template.hasResourceProperties(
                "AWS::Glue::Database",
                Map.of(
                        "CatalogId",
                        "123456789012",
                        "DatabaseInput",
                        Match.objectLike(
                                Map.of(
                                        "Name", "cat_data_v21",
                                        "LocationUri", "s3://cat-data-v21/curated/"))));
    }

    @Test
    void oneGlueTablePerDdlFile() {
        List<TableDefinition> files = DdlFiles.load(Path.of(CatDataConfig.DEFAULT_ATHENA_DDL_DIR));

        template.resourceCountIs("AWS::Glue::Table", files.size());
        for (TableDefinition table : files) {
            template.hasResourceProperties(
                    "AWS::Glue::Table",
                    Map.of(
                            "DatabaseName",
                            "cat_data_v21",
                            "TableInput",
                            Match.objectLike(
                                    Map.of(
                                            "Name",
                                            table.name(),
                                            "TableType",
                                            "EXTERNAL_TABLE",
                                            "StorageDescriptor",
                                            Match.objectLike(
                                                    Map.of(
                                                            "Location",
                                                            table.location(),
                                                            "InputFormat",
                                                            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"))))));
        }
    }

    @Test
    void tablesFromDdlFolder(@TempDir Path dir) throws IOException {
        for (String table : List.of("positions", "rejected")) {
            Files.writeString(
                    dir.resolve(table + ".sql"),
                    "CREATE EXTERNAL TABLE "
                            + table
                            + " (event_id string, lat double)"
                            + " PARTITIONED BY (municipality_code string, dt string)"
                            + " STORED AS PARQUET LOCATION 's3://cat-data-v21/curated/"
                            + table
                            + "/' TBLPROPERTIES ('projection.enabled'='true')");
        }
        App app = new App(AppProps.builder().context(TestApp.cdkJsonContext()).build());
        DataStack stack =
                new DataStack(
                        app,
                        "Data",
                        StackProps.builder()
                                .env(
                                        Environment.builder()
                                                .account(TestApp.ACCOUNT)
                                                .region(TestApp.REGION)
                                                .build())
                                .build(),
                        DdlFiles.load(dir),
                        CatDataConfig.DEFAULT_ATHENA_BYTES_SCANNED_CUTOFF);
        Template withTables = Template.fromStack(stack);

        withTables.resourceCountIs("AWS::Glue::Table", 2);
        withTables.hasResourceProperties(
                "AWS::Glue::Table",
                Map.of(
                        "TableInput",
                        Match.objectLike(
                                Map.of(
                                        "Name",
                                        "rejected",
                                        "PartitionKeys",
                                        List.of(
                                                Map.of(
                                                        "Name",
                                                        "municipality_code",
                                                        "Type",
                                                        "string"),
                                                Map.of("Name", "dt", "Type", "string")),
                                        "Parameters",
                                        Map.of(
                                                "EXTERNAL", "TRUE",
                                                "classification", "parquet",
                                                "projection.enabled", "true"),
                                        "StorageDescriptor",
                                        Match.objectLike(
                                                Map.of(
                                                        "Location",
                                                        "s3://cat-data-v21/curated/rejected/",
                                                        "Columns",
                                                        List.of(
                                                                Map.of(
                                                                        "Name",
                                                                        "event_id",
                                                                        "Type",
                                                                        "string"),
                                                                Map.of(
                                                                        "Name", "lat", "Type",
                                                                        "double")),
                                                        "SerdeInfo",
                                                        Map.of(
                                                                "SerializationLibrary",
                                                                "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                                                                "Parameters",
                                                                Map.of(
                                                                        "serialization.format",
                                                                        "1"))))))));
    }

    @Test
    void athenaWorkgroupEnforcesResultsAndLimit() {
        template.hasResourceProperties(
                "AWS::Athena::WorkGroup",
                Map.of(
                        "Name",
                        "cat-data-v21",
                        "WorkGroupConfiguration",
                        Match.objectLike(
                                Map.of(
                                        "EnforceWorkGroupConfiguration",
                                        true,
                                        "BytesScannedCutoffPerQuery",
                                        10L * 1024 * 1024 * 1024,
                                        "ResultConfiguration",
                                        Map.of(
                                                "OutputLocation",
                                                "s3://cat-data-v21/athena-results/",
                                                "EncryptionConfiguration",
                                                Map.of("EncryptionOption", "SSE_S3"))))));
    }

    @Test
    void positionStream() {
        template.resourceCountIs("AWS::Kinesis::Stream", 1);
        template.hasResourceProperties(
                "AWS::Kinesis::Stream",
                Map.of(
                        "Name",
                        "cat-position-stream",
                        "ShardCount",
                        10,
                        "RetentionPeriodHours",
                        24,
                        "StreamEncryption",
                        Map.of("EncryptionType", "KMS", "KeyId", "alias/aws/kinesis")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
