package jp.catdata.infra.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.catdata.infra.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class AuditStackTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = TestApp.template(TestApp.stacks().audit());
    }

    @Test
    void trailValidatesAndEncrypts() {
        template.resourceCountIs("AWS::CloudTrail::Trail", 1);
        template.hasResourceProperties(
                "AWS::CloudTrail::Trail",
                Map.of(
                        "TrailName", "cat-data-v21",
                        "EnableLogFileValidation", true,
                        "IsMultiRegionTrail", true,
                        "IncludeGlobalServiceEvents", true,
                        "KMSKeyId",
                                Map.of(
                                        "Fn::GetAtt",
                                        List.of(Match.stringLikeRegexp("TrailKey.*"), "Arn"))));
    }

    @Test
    void trailKeyRotates() {
        template.hasResourceProperties(
                "AWS::KMS::Key",
                Map.of(
                        "EnableKeyRotation",
                        true,
                        "KeyPolicy",
                        Match.objectLike(
                                Map.of(
                                        "Statement",
                                        Match.arrayWith(
                                                List.of(
                                                        Match.objectLike(
                                                                Map.of(
                                                                        "Sid",
                                                                        "CloudTrailEncryptsLogFiles",
                                                                        "Principal",
                                                                        Map.of(
                                                                                "Service",
                                                                                "cloudtrail.amazonaws.com")))))))));
    }

    @Test
    void auditBucketLocked() {
        template.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "VersioningConfiguration", Map.of("Status", "Enabled"),
                        "PublicAccessBlockConfiguration",
                                Map.of(
                                        "BlockPublicAcls", true,
                                        "BlockPublicPolicy", true,
                                        "IgnorePublicAcls", true,
                                        "RestrictPublicBuckets", true),
                        "LoggingConfiguration",
                                Map.of(
                                        "DestinationBucketName",
                                        "cat-data-v21-logs-123456789012-ap-northeast-1",
                                        "LogFilePrefix",
                                        "s3/cat-data-v21-audit-123456789012-ap-northeast-1/")));
    }

    @Test
    void configRecorderRecordsAll() {
        template.hasResourceProperties(
                "AWS::Config::ConfigurationRecorder",
                Map.of(
                        "RecordingGroup",
                        Map.of("AllSupported", true, "IncludeGlobalResourceTypes", true)));
        template.hasResourceProperties(
                "AWS::Config::DeliveryChannel", Map.of("S3KeyPrefix", "config"));
    }

    @Test
    void managedRulesCoverDeployedResources() {
        List<Object> identifiers = new ArrayList<>();
        template.findResources("AWS::Config::ConfigRule")
                .values()
                .forEach(
                        rule -> {
                            Map<?, ?> properties = (Map<?, ?>) rule.get("Properties");
                            Map<?, ?> source = (Map<?, ?>) properties.get("Source");
                            assertThat(source.get("Owner")).isEqualTo("AWS");
                            identifiers.add(source.get("SourceIdentifier"));
                        });

        assertThat(identifiers)
                .contains(
                        "S3_BUCKET_VERSIONING_ENABLED",
                        "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED",
                        "S3_BUCKET_SSL_REQUESTS_ONLY",
                        "S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED",
                        "S3_BUCKET_LOGGING_ENABLED",
                        "KINESIS_STREAM_ENCRYPTED",
                        "OPENSEARCH_ENCRYPTED_AT_REST",
                        "OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK",
                        "OPENSEARCH_HTTPS_REQUIRED",
                        "OPENSEARCH_IN_VPC_ONLY",
                        "OPENSEARCH_ACCESS_CONTROL_ENABLED",
                        "VPC_DEFAULT_SECURITY_GROUP_CLOSED",
                        "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS",
                        "VPC_FLOW_LOGS_ENABLED",
                        "EC2_IMDSV2_CHECK",
                        "ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK",
                        "ALB_WAF_ENABLED",
                        "CLOUD_TRAIL_ENABLED",
                        "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED",
                        "CLOUD_TRAIL_ENCRYPTION_ENABLED");
    }

    @Test
    void onlyWebPortsMayBeOpen() {
        template.hasResourceProperties(
                "AWS::Config::ConfigRule",
                Map.of(
                        "Source",
                        Map.of(
                                "Owner", "AWS",
                                "SourceIdentifier", "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS"),
                        "InputParameters",
                        Map.of("authorizedTcpPorts", "80,443")));
    }
}
