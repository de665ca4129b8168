package jp.catdata.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * S3Proxy as a separate JVM on 127.0.0.1, with an in-memory store, as a stand-in for Amazon S3.
 *
 * <p>Runs the runnable S3Proxy jar that the build copies to {@code target/s3proxy/}. It checks
 * request signatures (AWS signature version 2 or 4) against the fixed local-only credentials {@link
 * #ACCESS_KEY} and {@link #SECRET_KEY}. The store lives in the S3Proxy heap, so {@link #close()}
 * discards every object.
 */
final class S3ProxyProcess implements AutoCloseable {

    static final String ACCESS_KEY = "local-test-access-key";
    static final String SECRET_KEY = "local-test-secret-key";

    private static final String JAR_FOLDER = "target/s3proxy";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final Path log;
    private final String endpoint;
    private final HttpClient http;

    private S3ProxyProcess(Process process, Path log, String endpoint) {
        this.process = process;
        this.log = log;
        this.endpoint = endpoint;
        // Plain HTTP/1.1, without the HTTP/2 upgrade request that Java's HttpClient sends by
        // default, and no proxy, because the server is on loopback.
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .proxy(HttpClient.Builder.NO_PROXY)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
    }

    /** Starts S3Proxy on a free loopback port and waits until {@code GET /healthz} succeeds. */
    static S3ProxyProcess start(Path workDir) throws IOException, InterruptedException {
        Path jar = findJar();
        int port = freeLoopbackPort();
        String endpoint = "http://127.0.0.1:" + port;
        Path properties = workDir.resolve("s3proxy.properties");
        Files.write(
                properties,
                List.of(
                        "s3proxy.endpoint=" + endpoint,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + SECRET_KEY,
                        // Without it S3Proxy rejects requests with headers it does not know,
                        // which some S3 clients send.
                        "s3proxy.ignore-unknown-headers=true",
                        "jclouds.provider=transient"),
                StandardCharsets.UTF_8);

        Path log = workDir.resolve("s3proxy.log");
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder =
                new ProcessBuilder(
                        java.toString(),
                        "-Xmx512m",
                        "-jar",
                        jar.toString(),
                        "--properties",
                        properties.toString());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());

        S3ProxyProcess server = new S3ProxyProcess(builder.start(), log, endpoint);
        try {
            server.awaitHealthy();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Returns the endpoint URL, such as {@code http://127.0.0.1:40123}. */
    String endpoint() {
        return endpoint;
    }

    /** Creates a bucket with a PUT request signed with AWS signature version 2. */
    void createBucket(String bucket) throws IOException, InterruptedException {
        String date =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        // Java's HttpClient does not let callers set Date, so the request carries x-amz-date,
        // which version 2 signs among the x-amz-* headers in place of Date.
        String stringToSign = "PUT\n\n\n\nx-amz-date:" + date + "\n/" + bucket;
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(endpoint + "/" + bucket))
                        .timeout(Duration.ofSeconds(30))
                        .header("x-amz-date", date)
                        .header("Authorization", "AWS " + ACCESS_KEY + ":" + sign(stringToSign))
                        .PUT(HttpRequest.BodyPublishers.noBody())
                        .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "creating bucket "
                            + bucket
                            + " failed with HTTP "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
    }

    /** Stops S3Proxy: TERM, then KILL if it has not exited after 15 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpRequest healthz =
                HttpRequest.newBuilder(URI.create(endpoint + "/healthz"))
                        .timeout(Duration.ofSeconds(3))
                        .GET()
                        .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "S3Proxy exited during start-up with code "
                                + process.exitValue()
                                + "; its output:\n"
                                + logText());
            }
            try {
                HttpResponse<Void> response =
                        http.send(healthz, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(
                "GET "
                        + endpoint
                        + "/healthz did not succeed within "
                        + START_TIMEOUT.toSeconds()
                        + " s; S3Proxy output:\n"
                        + logText());
    }

    private String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sign(String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(SECRET_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    private static Path findJar() throws IOException {
        Path folder = Paths.get(JAR_FOLDER).toAbsolutePath();
        if (Files.isDirectory(folder)) {
            try (var files = Files.list(folder)) {
                Path jar =
                        files.filter(
                                        f ->
                                                f.getFileName()
                                                        .toString()
                                                        .toLowerCase(Locale.ROOT)
                                                        .endsWith("-jar-with-dependencies.jar"))
                                .findFirst()
                                .orElse(null);
                if (jar != null) {
                    return jar;
                }
            }
        }
        throw new IllegalStateException(
                "no S3Proxy jar-with-dependencies in "
                        + folder
                        + "; run the tests through Maven (mvn verify), which copies it there");
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
