package jp.catdata.infra.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.catdata.infra.CatDataConfig;
import jp.catdata.infra.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ProcessingStackTest {

    private static final String DOMAIN_ARN =
            "arn:aws:es:ap-northeast-1:123456789012:domain/cat-search-domain";

    private static Template template;

    @BeforeAll
    static void synth() {
        template = TestApp.template(TestApp.stacks().processing());
    }

    @Test
    void applicationRuntime() {
        template.resourceCountIs("AWS::KinesisAnalyticsV2::Application", 1);
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                Map.of(
                        "ApplicationName", "cat-data-flink",
                        "RuntimeEnvironment", "FLINK-1_19",
                        "ApplicationMode", "STREAMING"));
    }

    @Test
    void jobJarFromAsset() {
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                Map.of(
                        "ApplicationConfiguration",
                        Match.objectLike(
                                Map.of(
                                        "ApplicationCodeConfiguration",
                                        Map.of(
                                                "CodeContentType",
                                                "ZIPFILE",
                                                "CodeContent",
                                                Map.of(
                                                        "S3ContentLocation",
                                                        Map.of(
                                                                "BucketARN",
                                                                "arn:aws:s3:::cdk-hnb659fds-assets-123456789012-ap-northeast-1",
                                                                "FileKey",
                                                                Match.stringLikeRegexp(
                                                                        "[0-9a-f]{64}\\.jar"))))))));
    }

    @Test
    void inPrivateSubnets() {
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                Map.of(
                        "ApplicationConfiguration",
                        Match.objectLike(
                                Map.of(
                                        "VpcConfigurations",
                                        List.of(
                                                Map.of(
                                                        "SubnetIds",
                                                        List.of(
                                                                output("NetworkVpcprivateSubnet1"),
                                                                output("NetworkVpcprivateSubnet2")),
                                                        "SecurityGroupIds",
                                                        List.of(
                                                                output(
                                                                        "SecurityGroupsFlinkApplication"))))))));
    }

    @Test
    void checkpointsOn() {
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                flinkConfiguration(
                        "CheckpointConfiguration",
                        Map.of(
                                "ConfigurationType",
                                "CUSTOM",
                                "CheckpointingEnabled",
                                true,
                                "CheckpointInterval",
                                60000,
                                "MinPauseBetweenCheckpoints",
                                5000)));
    }

    @Test
    void autoscalingOn() {
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                flinkConfiguration(
                        "ParallelismConfiguration",
                        Map.of(
                                "ConfigurationType",
                                "CUSTOM",
                                "AutoScalingEnabled",
                                true,
                                "Parallelism",
                                2,
                                "ParallelismPerKPU",
                                1)));
    }

    @Test
    void snapshotsOnAndRestored() {
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                Map.of(
                        "ApplicationConfiguration",
                        Match.objectLike(
                                Map.of(
                                        "ApplicationSnapshotConfiguration",
                                        Map.of("SnapshotsEnabled", true))),
                        "RunConfiguration",
                        Map.of(
                                "ApplicationRestoreConfiguration",
                                Map.of("ApplicationRestoreType", "RESTORE_FROM_LATEST_SNAPSHOT"))));
    }

    /**
     * The deployed groups are the job's own file with the AWS values set over it. The expected
     * groups are built here from the file by plain JSON reading, not by the code under test.
     */
    @Test
    void propertyGroupsMatchJobFile() throws IOException {
        JsonNode file =
                new ObjectMapper()
                        .readTree(Path.of(CatDataConfig.DEFAULT_FLINK_PROPERTIES).toFile());
        Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
        for (JsonNode group : file) {
            Map<String, Object> properties =
                    expected.computeIfAbsent(
                            group.get("PropertyGroupId").asText(), id -> new LinkedHashMap<>());
            group.get("PropertyMap")
                    .fields()
                    .forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
        }
        expected.computeIfAbsent("CatData.Source", id -> new LinkedHashMap<>())
                .putAll(
                        Map.of(
                                "source.type", "kinesis",
                                "kinesis.stream-name", "cat-position-stream",
                                "aws.region", "ap-northeast-1"));
        expected.computeIfAbsent("CatData.Output", id -> new LinkedHashMap<>())
                .put("output.path", "s3://cat-data-v21/curated");
        Map<String, Object> openSearch = new LinkedHashMap<>();
        // The endpoint is "https://" joined with the domain endpoint, an output of CatData-Search.
        openSearch.put(
                "opensearch.endpoint",
                Map.of("Fn::Join", List.of("", List.of("https://", Match.anyValue()))));
        openSearch.put("opensearch.auth", "aws-sigv4");
        openSearch.put("opensearch.aws-region", "ap-northeast-1");
        expected.put("CatData.OpenSearch", openSearch);
        List<Map<String, Object>> groups = new ArrayList<>();
        expected.forEach(
                (id, properties) ->
                        groups.add(Map.of("PropertyGroupId", id, "PropertyMap", properties)));

        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                Map.of(
                        "ApplicationConfiguration",
                        Match.objectLike(
                                Map.of(
                                        "EnvironmentProperties",
                                        Map.of("PropertyGroups", groups)))));
    }

    @Test
    void logsToLogGroup() {
        template.hasResourceProperties(
                "AWS::Logs::LogGroup",
                Map.of("LogGroupName", "/cat-data-v21/logs", "RetentionInDays", 90));
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption",
                Map.of(
                        "CloudWatchLoggingOption",
                        Map.of(
                                "LogStreamARN",
                                "arn:aws:logs:ap-northeast-1:123456789012:log-group:"
                                        + "/cat-data-v21/logs:log-stream:flink-application")));
    }

    @Test
    void roleTrustsOnlyThisApplication() {
        template.hasResourceProperties(
                "AWS::IAM::Role",
                Map.of(
                        "AssumeRolePolicyDocument",
                        Match.objectLike(
                                Map.of(
                                        "Statement",
                                        List.of(
                                                Map.of(
                                                        "Action",
                                                        "sts:AssumeRole",
                                                        "Effect",
                                                        "Allow",
                                                        "Principal",
                                                        Map.of(
                                                                "Service",
                                                                "kinesisanalytics.amazonaws.com"),
                                                        "Condition",
                                                        Map.of(
                                                                "StringEquals",
                                                                Map.of(
                                                                        "aws:SourceAccount",
                                                                        "123456789012"),
                                                                "ArnLike",
                                                                Map.of(
                                                                        "aws:SourceArn",
                                                                        "arn:aws:kinesisanalytics:ap-northeast-1:123456789012:application/cat-data-flink"))))))));
    }

    @Test
    void roleReadsOnlyItsStream() {
        Map<String, Object> statement = statement("ReadPositionStream");

        assertThat((List<?>) statement.get("Resource")).hasSize(2);
        assertThat(String.valueOf(statement.get("Resource")))
                .contains("PositionStream")
                .contains("/consumer/*");
        assertThat(strings(statement.get("Action")))
                .allSatisfy(action -> assertThat(String.valueOf(action)).startsWith("kinesis:"))
                .doesNotContain("kinesis:PutRecord", "kinesis:PutRecords");
    }

    @Test
    void roleWritesOnlyCuratedPrefix() {
        Map<String, Object> write = statement("WriteCuratedTables");
        Map<String, Object> list = statement("ListCuratedPrefix");

        assertThat(String.valueOf(write.get("Resource")))
                .contains("StorageDataBucket")
                .endsWith("/curated/*]]}");
        assertThat(list.get("Condition"))
                .isEqualTo(Map.of("StringLike", Map.of("s3:prefix", "curated/*")));
    }

    @Test
    void roleWritesOnlyCatIndices() {
        Map<String, Object> statement = statement("WriteSearchIndices");

        assertThat((List<Object>) statement.get("Resource"))
                .containsExactlyInAnyOrder(
                        DOMAIN_ARN + "/cat-*",
                        DOMAIN_ARN + "/_bulk",
                        DOMAIN_ARN + "/_index_template/cat-*");
        assertThat(strings(statement.get("Action")))
                .containsExactlyInAnyOrder(
                        "es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut");
    }

    @Test
    void roleHasNoWildcardActions() {
        for (Map<String, Object> statement : statements()) {
            Object actions = statement.get("Action");
            List<?> list = actions instanceof List<?> l ? l : List.of(actions);
            assertThat(list)
                    .as("actions of %s", statement.get("Sid"))
                    .allSatisfy(action -> assertThat(String.valueOf(action)).doesNotContain("*"));
        }
    }

    @Test
    void onlyEc2DescribeOnAnyResource() {
        for (Map<String, Object> statement : statements()) {
            if ("*".equals(statement.get("Resource"))) {
                assertThat(strings(statement.get("Action")))
                        .allSatisfy(
                                action ->
                                        assertThat(String.valueOf(action))
                                                .startsWith("ec2:Describe"));
            }
        }
    }

    private static List<String> strings(Object value) {
        List<?> list = value instanceof List<?> l ? l : List.of(value);
        return list.stream().map(String::valueOf).toList();
    }

    private static Map<String, Object> flinkConfiguration(String key, Map<String, Object> value) {
        return Map.of(
                "ApplicationConfiguration",
                Match.objectLike(
                        Map.of(
                                "FlinkApplicationConfiguration",
                                Match.objectLike(Map.of(key, value)))));
    }

    private static Object output(String logicalIdPart) {
        return Map.of(
                "Fn::GetStackOutput",
                Match.objectLike(
                        Map.of("OutputName", Match.stringLikeRegexp(".*" + logicalIdPart + ".*"))));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements() {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
        assertThat(policies).hasSize(1);
        Map<String, Object> properties =
                (Map<String, Object>) policies.values().iterator().next().get("Properties");
        Map<String, Object> document = (Map<String, Object>) properties.get("PolicyDocument");
        return (List<Map<String, Object>>) document.get("Statement");
    }

    private static Map<String, Object> statement(String sid) {
        return statements().stream()
                .filter(s -> sid.equals(s.get("Sid")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid));
    }
}
