package jp.catdata.job;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import jp.catdata.producer.KinesisMockProcess;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** Settings shared by the tests that run the job on a kinesis-mock stream. */
final class KinesisJobs {

    static final String MUNICIPALITY_CODE = "131067";

    /** Idle time after which a test run stops with a draining savepoint. */
    static final long IDLE_STOP_MS = 8_000;

    private KinesisJobs() {}

    /**
     * Returns a MiniCluster of one task manager with two slots whose task managers report
     * accumulators twice a second, so that {@link IdleStop} reads a current record count.
     */
    static MiniClusterExtension miniCluster() {
        Configuration configuration = new Configuration();
        configuration.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, 500L);
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setConfiguration(configuration)
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }

    /**
     * Returns property groups of a job that reads the mock's stream from its start and writes to
     * {@code outputPath}, on S3Proxy when {@code s3} is not null.
     */
    static Map<String, Properties> groups(
            KinesisMockProcess mock, String timeZone, String outputPath, S3ProxyProcess s3) {
        Map<String, Properties> groups = new HashMap<>();
        Properties source = new Properties();
        source.setProperty("source.type", "kinesis");
        source.setProperty("kinesis.stream-name", KinesisMockProcess.STREAM);
        source.setProperty("aws.region", KinesisMockProcess.REGION);
        source.setProperty("kinesis.endpoint", mock.endpoint());
        source.setProperty("kinesis.initial-position", "TRIM_HORIZON");
        source.setProperty("kinesis.poll-interval", "PT0.1S");
        // kinesis-mock checks no credentials; the keys only keep the default chain out.
        source.setProperty("kinesis.access-key", "local-test-key");
        source.setProperty("kinesis.secret-key", "local-test-secret");
        groups.put(JobConfig.SOURCE_GROUP, source);

        Properties processing = new Properties();
        processing.setProperty("municipality.default-code", MUNICIPALITY_CODE);
        processing.setProperty("time-zone", timeZone);
        groups.put(JobConfig.PROCESSING_GROUP, processing);

        Properties output = new Properties();
        output.setProperty("output.path", outputPath);
        if (s3 != null) {
            output.setProperty("s3.endpoint", s3.endpoint());
            output.setProperty("s3.path-style-access", "true");
            output.setProperty("s3.access-key", S3ProxyProcess.ACCESS_KEY);
            output.setProperty("s3.secret-key", S3ProxyProcess.SECRET_KEY);
        }
        groups.put(JobConfig.OUTPUT_GROUP, output);
        return groups;
    }
}
