package jp.catdata.producer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * kinesis-mock on 127.0.0.1, started and stopped with {@code infra/local/kinesis-mock.sh} on two
 * free ports. The script creates the stream {@link #STREAM} with 10 shards in {@link #REGION}, and
 * installs the npm package on first use.
 */
public final class KinesisMockProcess implements AutoCloseable {
    public static final String STREAM = "cat-position-stream";
    public static final String REGION = "ap-northeast-1";

    private static final Path SCRIPT = Path.of("../infra/local/kinesis-mock.sh");
    private static final Path RUN_BASE = Path.of("target/kinesis-mock-it");

    private final Map<String, String> environment;
    private final String endpoint;

    private KinesisMockProcess(Map<String, String> environment, int port) {
        this.environment = environment;
        this.endpoint = "http://127.0.0.1:" + port;
    }

    public static KinesisMockProcess start() throws IOException, InterruptedException {
        int port = freePort();
        int tlsPort = freePort();
        while (tlsPort == port) {
            tlsPort = freePort();
        }
        Map<String, String> environment =
                Map.of(
                        "LOCAL_KINESIS_MOCK_PORT", Integer.toString(port),
                        "LOCAL_KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort),
                        "LOCAL_KINESIS_MOCK_RUN_BASE", RUN_BASE.toAbsolutePath().toString());
        KinesisMockProcess mock = new KinesisMockProcess(environment, port);
        mock.runScript("start", 180);
        return mock;
    }

    public String endpoint() {
        return endpoint;
    }

    /** Builds a client for the mock: static credentials, explicit region, no SDK retries. */
    public KinesisClient client() {
        return KinesisClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("local-test-key", "local-test-secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(
                        ClientOverrideConfiguration.builder()
                                .retryPolicy(RetryPolicy.none())
                                .build())
                .build();
    }

    /**
     * Runs the producer command against this mock with the given options (the endpoint is added)
     * and returns its exit status; the command's report goes to {@code report}.
     */
    public int publish(PrintStream report, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(options));
        args.add("--endpoint");
        args.add(endpoint);
        try (KinesisClient client = client()) {
            return KinesisProducerCommand.run(
                    ProducerOptions.parse(args.toArray(new String[0])),
                    client,
                    KinesisPublisher.Clock.SYSTEM,
                    report);
        }
    }

    /** Reads every record of every shard of {@link #STREAM} from the start, by shard id. */
    public Map<String, List<Record>> readStream(KinesisClient client) {
        Map<String, List<Record>> byShard = new TreeMap<>();
        List<Shard> shards = client.listShards(r -> r.streamName(STREAM)).shards();
        for (Shard shard : shards) {
            List<Record> records = new ArrayList<>();
            String iterator =
                    client.getShardIterator(
                                    r ->
                                            r.streamName(STREAM)
                                                    .shardId(shard.shardId())
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response =
                        client.getRecords(r -> r.shardIterator(current).limit(10_000));
                records.addAll(response.records());
                if (response.records().isEmpty()) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
            byShard.put(shard.shardId(), records);
        }
        return byShard;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        runScript("stop", 60);
    }

    private void runScript(String command, long timeoutS) throws IOException, InterruptedException {
        Files.createDirectories(RUN_BASE);
        Path output = RUN_BASE.resolve("script-" + command + ".out");
        ProcessBuilder builder =
                new ProcessBuilder(List.of("bash", SCRIPT.toString(), command))
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeoutS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "kinesis-mock.sh " + command + " did not finish within " + timeoutS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "kinesis-mock.sh "
                            + command
                            + " exited with "
                            + process.exitValue()
                            + ":\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
