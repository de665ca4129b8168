package jp.catdata.infra.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.catdata.infra.Names;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.opensearchservice.Domain;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The CloudWatch dashboard {@value Names#DASHBOARD} and the alarms, which notify an encrypted SNS
 * topic.
 *
 * <p>Thresholds follow AWS's recommended alarms for each service where AWS publishes one (stated at
 * each alarm) and are otherwise estimates to tune once real traffic is seen.
 */
public final class MonitoringStack extends Stack {

    public static final String FLINK_NAMESPACE = "AWS/KinesisAnalytics";
    public static final String ALARM_TOPIC = "cat-data-v21-alarms";

    /** Iterator age above which the Flink source is falling behind the stream. */
    public static final int ITERATOR_AGE_THRESHOLD_MS = 120_000;

    /** A quarter of each node's EBS volume, in MB as the metric reports it. */
    public static final int FREE_STORAGE_THRESHOLD_MB = 25 * 1024;

    public static final int JVM_MEMORY_PRESSURE_THRESHOLD_PERCENT = 95;

    private final Topic alarmTopic;
    private final List<IAlarm> alarms = new ArrayList<>();

    public MonitoringStack(
            Construct scope,
            String id,
            StackProps props,
            IStream stream,
            String flinkApplicationName,
            Domain domain,
            ApplicationLoadBalancer loadBalancer,
            ApplicationTargetGroup proxyTargets,
            String alarmEmail) {
        super(scope, id, props);

        Key topicKey =
                Key.Builder.create(this, "AlarmTopicKey")
                        .description("Encrypts the cat-data alarm topic")
                        .enableKeyRotation(true)
                        .build();
        // CloudWatch needs the key to publish alarm notifications to the encrypted topic.
        topicKey.addToResourcePolicy(
                PolicyStatement.Builder.create()
                        .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                        .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                        .resources(List.of("*"))
                        .conditions(
                                Map.of("StringEquals", Map.of("aws:SourceAccount", getAccount())))
                        .build());
        alarmTopic =
                Topic.Builder.create(this, "AlarmTopic")
                        .topicName(ALARM_TOPIC)
                        .masterKey(topicKey)
                        .enforceSsl(true)
                        .build();
        if (alarmEmail != null) {
            alarmTopic.addSubscription(new EmailSubscription(alarmEmail));
        }

        GraphWidget[] kinesis = kinesisAlarms(stream);
        GraphWidget[] flink = flinkAlarms(flinkApplicationName);
        GraphWidget[] search = searchAlarms(domain);
        GraphWidget[] proxy = proxyAlarms(loadBalancer, proxyTargets);

        Dashboard dashboard =
                Dashboard.Builder.create(this, "Dashboard")
                        .dashboardName(Names.DASHBOARD)
                        .defaultInterval(Duration.hours(6))
                        .build();
        dashboard.addWidgets(
                AlarmStatusWidget.Builder.create()
                        .title("Alarms")
                        .alarms(alarms)
                        .width(24)
                        .build());
        dashboard.addWidgets(kinesis);
        dashboard.addWidgets(flink);
        dashboard.addWidgets(search);
        dashboard.addWidgets(proxy);
    }

    private GraphWidget[] kinesisAlarms(IStream stream) {
        Metric iteratorAge =
                stream.metricGetRecordsIteratorAgeMilliseconds(maximum(Duration.minutes(5)));
        Metric writeThrottled =
                stream.metricWriteProvisionedThroughputExceeded(sum(Duration.minutes(5)));
        Metric readThrottled =
                stream.metricReadProvisionedThroughputExceeded(sum(Duration.minutes(5)));
        alarm(
                "KinesisIteratorAge",
                iteratorAge,
                ITERATOR_AGE_THRESHOLD_MS,
                3,
                "The Flink source reads " + Names.POSITION_STREAM + " more than 2 minutes late");
        alarm(
                "KinesisWriteThrottling",
                writeThrottled,
                0,
                2,
                "Producers are throttled on " + Names.POSITION_STREAM + ": add shards");
        alarm(
                "KinesisReadThrottling",
                readThrottled,
                0,
                2,
                "Reads of " + Names.POSITION_STREAM + " are throttled");
        return new GraphWidget[] {
            graph(
                    "Kinesis: incoming records",
                    stream.metricIncomingRecords(sum(Duration.minutes(5)))),
            graph("Kinesis: iterator age (ms)", iteratorAge),
            graph("Kinesis: throttled", writeThrottled, readThrottled)
        };
    }

    /**
     * Flink alarms. fullRestarts and numberOfFailedCheckpoints count up from the job's start, so
     * the alarms watch their increase per period.
     */
    private GraphWidget[] flinkAlarms(String applicationName) {
        Metric downtime = flinkMetric(applicationName, "downtime", "Maximum");
        MathExpression restarts =
                increase(
                        "Restarts",
                        "restarts",
                        flinkMetric(applicationName, "fullRestarts", "Maximum"));
        MathExpression failedCheckpoints =
                increase(
                        "Failed checkpoints",
                        "failedCheckpoints",
                        flinkMetric(applicationName, "numberOfFailedCheckpoints", "Maximum"));
        // AWS recommends alarming on any downtime.
        alarm("FlinkDowntime", downtime, 0, 1, "The Flink job is failing or restarting");
        alarm("FlinkRestarts", restarts, 0, 1, "The Flink job restarted");
        alarm("FlinkCheckpointFailures", failedCheckpoints, 0, 1, "A Flink checkpoint failed");
        return new GraphWidget[] {
            graph("Flink: downtime (ms)", downtime),
            graph("Flink: restarts and failed checkpoints", restarts, failedCheckpoints),
            graph(
                    "Flink: records out per second",
                    flinkMetric(applicationName, "numRecordsOutPerSecond", "Average"))
        };
    }

    /** OpenSearch alarms, with AWS's recommended thresholds for OpenSearch Service. */
    private GraphWidget[] searchAlarms(Domain domain) {
        Metric red = domain.metricClusterStatusRed(maximum(Duration.minutes(1)));
        Metric yellow = domain.metricClusterStatusYellow(maximum(Duration.minutes(1)));
        Metric freeStorage =
                domain.metricFreeStorageSpace(
                        MetricOptions.builder()
                                .statistic("Minimum")
                                .period(Duration.minutes(1))
                                .build());
        Metric jvmPressure = domain.metricJVMMemoryPressure(maximum(Duration.minutes(1)));
        alarm("SearchClusterRed", red, 0, 1, "A primary shard of the search domain is missing");
        // Yellow for 5 minutes: a replica is missing, normal only briefly after index creation.
        alarm(
                "SearchClusterYellow",
                yellow,
                0,
                5,
                "A replica shard of the search domain is missing");
        alarmBelow(
                "SearchFreeStorage",
                freeStorage,
                FREE_STORAGE_THRESHOLD_MB,
                1,
                "A search node has less than a quarter of its storage free");
        addAlarm(
                "SearchJvmMemoryPressure",
                jvmPressure,
                JVM_MEMORY_PRESSURE_THRESHOLD_PERCENT,
                3,
                "Search node JVM memory pressure at 95 % or more for 3 minutes",
                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
        return new GraphWidget[] {
            graph("OpenSearch: cluster status", red, yellow),
            graph("OpenSearch: free storage (MB)", freeStorage),
            graph("OpenSearch: JVM memory pressure (%)", jvmPressure)
        };
    }

    private GraphWidget[] proxyAlarms(
            ApplicationLoadBalancer loadBalancer, ApplicationTargetGroup proxyTargets) {
        Metric unhealthy =
                proxyTargets.getMetrics().unhealthyHostCount(maximum(Duration.minutes(1)));
        Metric healthy =
                proxyTargets
                        .getMetrics()
                        .healthyHostCount(
                                MetricOptions.builder()
                                        .statistic("Minimum")
                                        .period(Duration.minutes(1))
                                        .build());
        Metric elb5xx =
                loadBalancer
                        .getMetrics()
                        .httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, sum(Duration.minutes(5)));
        alarm("ProxyUnhealthyHosts", unhealthy, 0, 3, "A Dashboards proxy host fails its check");
        alarmBelow("ProxyNoHealthyHosts", healthy, 1, 2, "No Dashboards proxy host is healthy");
        alarm(
                "LoadBalancer5xx",
                elb5xx,
                10,
                1,
                "The Dashboards load balancer returned more than 10 errors in 5 minutes");
        return new GraphWidget[] {
            graph("Proxy: healthy and unhealthy hosts", healthy, unhealthy),
            graph("Load balancer: 5xx", elb5xx),
            graph(
                    "Load balancer: requests",
                    loadBalancer.getMetrics().requestCount(sum(Duration.minutes(5))))
        };
    }

    /** Adds an alarm that fires when the metric is above {@code threshold}. */
    private void alarm(
            String id, IMetric metric, double threshold, int periods, String description) {
        addAlarm(
                id,
                metric,
                threshold,
                periods,
                description,
                ComparisonOperator.GREATER_THAN_THRESHOLD);
    }

    /** Adds an alarm that fires when the metric is below {@code threshold}. */
    private void alarmBelow(
            String id, IMetric metric, double threshold, int periods, String description) {
        addAlarm(
                id,
                metric,
                threshold,
                periods,
                description,
                ComparisonOperator.LESS_THAN_THRESHOLD);
    }

    private void addAlarm(
            String id,
            IMetric metric,
            double threshold,
            int periods,
            String description,
            ComparisonOperator comparison) {
        Alarm alarm =
                Alarm.Builder.create(this, id)
                        .alarmName("cat-data-v21-" + id)
                        .alarmDescription(description)
                        .metric(metric)
                        .threshold(threshold)
                        .evaluationPeriods(periods)
                        .comparisonOperator(comparison)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .build();
        alarm.addAlarmAction(new SnsAction(alarmTopic));
        alarm.addOkAction(new SnsAction(alarmTopic));
        alarms.add(alarm);
    }

    private static Metric flinkMetric(String applicationName, String name, String statistic) {
        return Metric.Builder.create()
                .namespace(FLINK_NAMESPACE)
                .metricName(name)
                .dimensionsMap(Map.of("Application", applicationName))
                .statistic(statistic)
                .period(Duration.minutes(1))
                .build();
    }

    /**
     * Returns the increase of a counter per period; a counter reset gives a negative value. {@code
     * id} names the counter in the expression and must differ between expressions shown in one
     * graph.
     */
    private static MathExpression increase(String label, String id, Metric counter) {
        return MathExpression.Builder.create()
                .expression("DIFF(" + id + ")")
                .usingMetrics(Map.of(id, counter))
                .label(label)
                .period(Duration.minutes(1))
                .build();
    }

    private static GraphWidget graph(String title, IMetric... metrics) {
        return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(8).build();
    }

    private static MetricOptions maximum(Duration period) {
        return MetricOptions.builder().statistic("Maximum").period(period).build();
    }

    private static MetricOptions sum(Duration period) {
        return MetricOptions.builder().statistic("Sum").period(period).build();
    }

    public Topic alarmTopic() {
        return alarmTopic;
    }

    public List<IAlarm> alarms() {
        return alarms;
    }
}
