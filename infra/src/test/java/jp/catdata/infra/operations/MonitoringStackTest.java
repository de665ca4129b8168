package jp.catdata.infra.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import jp.catdata.infra.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class MonitoringStackTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = TestApp.template(TestApp.stacks().monitoring());
    }

    @Test
    void kinesisIteratorAge() {
        metricAlarm(
                "AWS/Kinesis",
                "GetRecords.IteratorAgeMilliseconds",
                "GreaterThanThreshold",
                120000);
    }

    @Test
    void kinesisThrottling() {
        metricAlarm("AWS/Kinesis", "WriteProvisionedThroughputExceeded", "GreaterThanThreshold", 0);
        metricAlarm("AWS/Kinesis", "ReadProvisionedThroughputExceeded", "GreaterThanThreshold", 0);
    }

    @Test
    void flinkDowntime() {
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "Namespace", "AWS/KinesisAnalytics",
                        "MetricName", "downtime",
                        "Dimensions",
                                List.of(
                                        Map.of(
                                                "Name",
                                                "Application",
                                                "Value",
                                                Match.objectLike(Map.of()))),
                        "ComparisonOperator", "GreaterThanThreshold",
                        "Threshold", 0));
    }

    @Test
    void flinkRestartsAndCheckpointFailures() {
        for (String metric : List.of("fullRestarts", "numberOfFailedCheckpoints")) {
            template.hasResourceProperties(
                    "AWS::CloudWatch::Alarm",
                    Map.of(
                            "ComparisonOperator",
                            "GreaterThanThreshold",
                            "Threshold",
                            0,
                            "Metrics",
                            Match.arrayWith(
                                    List.of(
                                            Match.objectLike(
                                                    Map.of(
                                                            "Expression",
                                                            Match.stringLikeRegexp(
                                                                    "DIFF\\(.*\\)"))),
                                            Match.objectLike(
                                                    Map.of(
                                                            "MetricStat",
                                                            Match.objectLike(
                                                                    Map.of(
                                                                            "Metric",
                                                                            Match.objectLike(
                                                                                    Map.of(
                                                                                            "Namespace",
                                                                                            "AWS/KinesisAnalytics",
                                                                                            "MetricName",
                                                                                            metric))))))))));
        }
    }

    @Test
    void searchClusterStatus() {
        metricAlarm("AWS/ES", "ClusterStatus.red", "GreaterThanThreshold", 0);
        metricAlarm("AWS/ES", "ClusterStatus.yellow", "GreaterThanThreshold", 0);
    }

    @Test
    void searchFreeStorage() {
        metricAlarm("AWS/ES", "FreeStorageSpace", "LessThanThreshold", 25600);
    }

    @Test
    void searchJvmPressure() {
        metricAlarm("AWS/ES", "JVMMemoryPressure", "GreaterThanOrEqualToThreshold", 95);
    }

    @Test
    void proxyHealth() {
        metricAlarm("AWS/ApplicationELB", "UnHealthyHostCount", "GreaterThanThreshold", 0);
        metricAlarm("AWS/ApplicationELB", "HealthyHostCount", "LessThanThreshold", 1);
        metricAlarm("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "GreaterThanThreshold", 10);
    }

    @Test
    void everyAlarmNotifiesTopic() {
        Map<String, Map<String, Object>> alarms = template.findResources("AWS::CloudWatch::Alarm");

        assertThat(alarms).hasSize(13);
        template.allResourcesProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "AlarmActions",
                                List.of(Map.of("Ref", Match.stringLikeRegexp("AlarmTopic.*"))),
                        "OKActions",
                                List.of(Map.of("Ref", Match.stringLikeRegexp("AlarmTopic.*")))));
    }

    @Test
    void topicEncryptedAndTlsOnly() {
        template.hasResourceProperties(
                "AWS::SNS::Topic",
                Map.of(
                        "TopicName",
                        "cat-data-v21-alarms",
                        "KmsMasterKeyId",
                        Map.of("Fn::GetAtt", List.of(Match.anyValue(), "Arn"))));
        template.hasResourceProperties(
                "AWS::SNS::TopicPolicy",
                Map.of(
                        "PolicyDocument",
                        Match.objectLike(
                                Map.of(
                                        "Statement",
                                        Match.arrayWith(
                                                List.of(
                                                        Match.objectLike(
                                                                Map.of(
                                                                        "Effect",
                                                                        "Deny",
                                                                        "Condition",
                                                                        Map.of(
                                                                                "Bool",
                                                                                Map.of(
                                                                                        "aws:SecureTransport",
                                                                                        "false"))))))))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void dashboard() {
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        template.hasResourceProperties(
                "AWS::CloudWatch::Dashboard", Map.of("DashboardName", "cat-data-v21"));
    }

    private static void metricAlarm(
            String namespace, String metric, String comparison, int threshold) {
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "Namespace", namespace,
                        "MetricName", metric,
                        "ComparisonOperator", comparison,
                        "Threshold", threshold));
    }
}
