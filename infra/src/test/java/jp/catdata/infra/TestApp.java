package jp.catdata.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The whole app, built once per test run with test context values, and each stack's template,
 * synthesized once and shared by the test classes.
 */
public final class TestApp {

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "ap-northeast-1";
    public static final List<String> AVAILABILITY_ZONES =
            List.of("ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d");
    public static final String CERTIFICATE_ARN =
            "arn:aws:acm:ap-northeast-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
    public static final String HOST_NAME = "dashboards.city.example.jp";

    /** Chiyoda City, Tokyo and Sapporo City, Hokkaido. */
    public static final List<String> MUNICIPALITY_CODES = List.of("131016", "011002");

    private static CatDataApp.Stacks stacks;
    private static final Map<Stack, Template> TEMPLATES = new HashMap<>();

    private TestApp() {}

    public static synchronized CatDataApp.Stacks stacks() {
        if (stacks == null) {
            App app = new App(AppProps.builder().context(context()).build());
            stacks =
                    CatDataApp.build(
                            app,
                            Environment.builder().account(ACCOUNT).region(REGION).build(),
                            CatDataConfig.fromContext(app.getNode()));
        }
        return stacks;
    }

    public static synchronized Template template(Stack stack) {
        return TEMPLATES.computeIfAbsent(stack, Template::fromStack);
    }

    /**
     * Returns the context of {@code cdk.json} (the feature flags), the required values and the
     * availability zones that a real synth would look up in the account.
     */
    public static Map<String, Object> context() {
        Map<String, Object> context = new HashMap<>(cdkJsonContext());
        context.put(CatDataConfig.CERTIFICATE_ARN, CERTIFICATE_ARN);
        context.put(CatDataConfig.DASHBOARDS_HOST_NAME, HOST_NAME);
        context.put(CatDataConfig.MUNICIPALITY_CODES, String.join(",", MUNICIPALITY_CODES));
        context.put(CatDataConfig.FLINK_JAR_PATH, flinkJar().toString());
        context.put(CatDataConfig.WEB_MAP_DIR, webMapDir().toString());
        context.put(
                "availability-zones:account=" + ACCOUNT + ":region=" + REGION, AVAILABILITY_ZONES);
        return context;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson =
                    new ObjectMapper().readValue(Path.of("cdk.json").toFile(), Map.class);
            return (Map<String, Object>) cdkJson.getOrDefault("context", Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cdk.json", e);
        }
    }

    /**
     * Returns the job's application jar when it has been built. The infra build does not build the
     * job, so without it the tests use a small placeholder jar instead. Only the tests do this: the
     * app itself fails when the jar is missing.
     */
    public static Path flinkJar() {
        Path real = Path.of(CatDataConfig.DEFAULT_FLINK_JAR);
        if (Files.isRegularFile(real)) {
            return real;
        }
        Path placeholder = Path.of("target", "test-assets", "flink-job-placeholder.jar");
        if (!Files.isRegularFile(placeholder)) {
            try {
                Files.createDirectories(placeholder.getParent());
                try (OutputStream out = Files.newOutputStream(placeholder);
                        JarOutputStream jar = new JarOutputStream(out)) {
                    jar.putNextEntry(new JarEntry("placeholder.txt"));
                    jar.write("stands in for the Flink job jar in tests\n".getBytes());
                    jar.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write placeholder jar " + placeholder, e);
            }
        }
        return placeholder;
    }

    /**
     * Returns the built web map when the frontend module has been built before, or else a
     * placeholder folder with an {@code index.html}, for the same reason as {@link #flinkJar()}.
     */
    public static Path webMapDir() {
        Path real = Path.of(CatDataConfig.DEFAULT_WEB_MAP_DIR);
        if (Files.isRegularFile(real.resolve("index.html"))) {
            return real;
        }
        Path placeholder = Path.of("target", "test-assets", "web-map-placeholder");
        try {
            Files.createDirectories(placeholder);
            Files.writeString(
                    placeholder.resolve("index.html"),
                    "<!doctype html><title>stands in for the web map in tests</title>\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write placeholder web map " + placeholder, e);
        }
        return placeholder;
    }
}
