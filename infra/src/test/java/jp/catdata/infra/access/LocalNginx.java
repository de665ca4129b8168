package jp.catdata.infra.access;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * nginx from the Debian package running the site that {@link DashboardsProxy#siteCommands} writes,
 * on a free port of 127.0.0.1, with a main configuration, certificate and folders of its own in one
 * folder.
 *
 * <p>The site file, its include file and the web map's {@code config.json} are taken from the
 * heredocs of the rendered commands. Only what cannot run on loopback is changed; {@link
 * #adaptSite} and {@link #adaptSearchDomainInclude} list each change.
 */
final class LocalNginx implements AutoCloseable {

    /** Where the Debian package {@code nginx} installs the server. */
    static final Path NGINX = Paths.get("/usr/sbin/nginx");

    private static final Pattern HEREDOC_START = Pattern.compile("cat > (\\S+) <<'([A-Za-z_]+)'");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final int port;
    private final Process process;
    private final SSLContext trustingOwnCertificate;

    private LocalNginx(Path dir, int port, Process process, SSLContext trustingOwnCertificate) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.trustingOwnCertificate = trustingOwnCertificate;
    }

    /**
     * Writes the configuration into {@code dir}, copies the files of {@code webMapPage} into the
     * web map's folder next to the rendered {@code config.json}, starts nginx and returns once it
     * accepts connections.
     *
     * @throws IllegalStateException if {@code /usr/sbin/nginx} is missing, if a change to the
     *     rendered site no longer applies, or if nginx exits or does not listen in time
     */
    static LocalNginx start(Path dir, List<String> siteCommands, Map<String, String> webMapPage)
            throws IOException, InterruptedException, GeneralSecurityException {
        requireInstalled();
        Map<String, String> files = heredocs(siteCommands);
        String site = requireHeredoc(files, "/etc/nginx/conf.d/dashboards.conf");
        String include = requireHeredoc(files, "/etc/nginx/search-domain.inc");
        String pageConfig = requireHeredoc(files, DashboardsProxy.WEB_MAP_ROOT + "/config.json");

        int port = LocalOpenSearch.freeLoopbackPort();
        Path certificate = dir.resolve("tls/proxy.crt");
        Path key = dir.resolve("tls/proxy.key");
        makeCertificate(certificate, key);

        Path webMapRoot = dir.resolve("cat-data-map");
        Files.createDirectories(webMapRoot);
        for (Map.Entry<String, String> page : webMapPage.entrySet()) {
            Files.writeString(webMapRoot.resolve(page.getKey()), page.getValue());
        }
        Files.writeString(webMapRoot.resolve("config.json"), pageConfig);

        Path includeFile = dir.resolve("search-domain.inc");
        Files.writeString(includeFile, adaptSearchDomainInclude(include));
        Path siteFile = dir.resolve("conf.d/dashboards.conf");
        Files.createDirectories(siteFile.getParent());
        Files.writeString(
                siteFile, adaptSite(site, port, certificate, key, includeFile, webMapRoot));
        Files.createDirectories(dir.resolve("temp"));
        Path mainFile = dir.resolve("nginx.conf");
        Files.writeString(mainFile, mainConfiguration(dir, siteFile));
        if (runsAsRoot()) {
            // The workers run as nobody and read the page and the body files from this folder.
            makeReadableByAll(dir);
        }

        ProcessBuilder builder =
                new ProcessBuilder(
                        NGINX.toString(),
                        "-p",
                        dir.toString(),
                        "-c",
                        mainFile.toString(),
                        "-e",
                        dir.resolve("error.log").toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(dir.resolve("nginx.out").toFile());
        Process process = builder.start();
        LocalNginx nginx = new LocalNginx(dir, port, process, trustOnly(certificate));
        try {
            nginx.awaitListening();
        } catch (IOException | InterruptedException | RuntimeException e) {
            nginx.close();
            throw e;
        }
        return nginx;
    }

    /**
     * Fails unless the nginx of the Debian package is installed.
     *
     * @throws IllegalStateException naming the package to install
     */
    static void requireInstalled() {
        if (!Files.isExecutable(NGINX)) {
            throw new IllegalStateException(
                    NGINX
                            + " is missing. Install the Debian package nginx (apt-get install"
                            + " nginx); .ci/run installs it when it runs as root.");
        }
    }

    /**
     * Returns the content of each {@code cat > FILE <<'DELIMITER'} heredoc in the commands, by
     * file, with the trailing newline that {@code cat} writes.
     */
    static Map<String, String> heredocs(List<String> commands) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            Matcher start = HEREDOC_START.matcher(commands.get(i));
            if (!start.matches()) {
                continue;
            }
            String file = start.group(1);
            String delimiter = start.group(2);
            int end = commands.subList(i + 1, commands.size()).indexOf(delimiter);
            if (end < 0) {
                throw new IllegalStateException(
                        "The heredoc for " + file + " has no closing line " + delimiter);
            }
            files.put(file, String.join("\n", commands.subList(i + 1, i + 1 + end)) + "\n");
            i += end + 1;
        }
        return files;
    }

    /**
     * Changes the rendered server block so that it runs on loopback:
     *
     * <ul>
     *   <li>{@code listen 443 ssl} listens on {@code 127.0.0.1:<port>} instead;
     *   <li>the certificate and key are the ones this class makes;
     *   <li>the {@code resolver} is 127.0.0.1, because the VPC resolver is not reachable. nginx
     *       never sends it a query, because the upstream is an IP address;
     *   <li>both {@code include} lines name the include file in this folder;
     *   <li>the web map's {@code alias} is the web map folder in this folder.
     * </ul>
     */
    static String adaptSite(
            String site, int port, Path certificate, Path key, Path includeFile, Path webMapRoot) {
        String adapted = replace(site, "listen \\d+ ssl;", "listen 127.0.0.1:" + port + " ssl;", 1);
        adapted =
                replace(
                        adapted,
                        "ssl_certificate /etc/nginx/tls/proxy\\.crt;",
                        "ssl_certificate " + certificate + ";",
                        1);
        adapted =
                replace(
                        adapted,
                        "ssl_certificate_key /etc/nginx/tls/proxy\\.key;",
                        "ssl_certificate_key " + key + ";",
                        1);
        adapted = replace(adapted, "resolver \\S+ ", "resolver 127.0.0.1 ", 1);
        adapted =
                replace(
                        adapted,
                        "include /etc/nginx/search-domain\\.inc;",
                        "include " + includeFile + ";",
                        2);
        return replace(
                adapted,
                "alias " + Pattern.quote(DashboardsProxy.WEB_MAP_ROOT) + "/;",
                "alias " + webMapRoot + "/;",
                1);
    }

    /**
     * Changes the rendered include file for an upstream that speaks plain HTTP, as the local node
     * does: {@code https://} becomes {@code http://}, and the five {@code proxy_ssl_*} lines go.
     */
    static String adaptSearchDomainInclude(String include) {
        String adapted = replace(include, "proxy_pass https://", "proxy_pass http://", 1);
        return replace(adapted, "(?m)^\\s*proxy_ssl_\\S+ [^\\n]*\\n", "", 5);
    }

    /** Returns a client that trusts this server's certificate only and follows no redirects. */
    HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .sslContext(trustingOwnCertificate)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    URI uri(String pathAndQuery) {
        return URI.create("https://127.0.0.1:" + port + pathAndQuery);
    }

    /** Stops nginx: TERM to the master, then KILL to it and its workers after a timeout. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            workers.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "nginx exited with code " + process.exitValue() + "; " + logs());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "nginx does not listen on 127.0.0.1:"
                                    + port
                                    + " after "
                                    + START_TIMEOUT.toSeconds()
                                    + " s; "
                                    + logs());
                }
                Thread.sleep(100);
            }
        }
    }

    private String logs() throws IOException {
        StringBuilder logs = new StringBuilder();
        for (String name : List.of("nginx.out", "error.log")) {
            Path file = dir.resolve(name);
            logs.append(name).append(":\n");
            logs.append(
                    Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)");
            logs.append('\n');
        }
        return logs.toString();
    }

    private static String requireHeredoc(Map<String, String> files, String path) {
        String content = files.get(path);
        if (content == null) {
            throw new IllegalStateException(
                    "The site commands write no " + path + "; they write " + files.keySet());
        }
        return content;
    }

    /**
     * Replaces every match of {@code regex}, and fails unless there are exactly {@code expected}
     * matches, so that a change of the rendered configuration cannot slip past this adaptation.
     */
    private static String replace(String text, String regex, String replacement, int expected) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        long matches = matcher.results().count();
        if (matches != expected) {
            throw new IllegalStateException(
                    "Expected "
                            + expected
                            + " match(es) of /"
                            + regex
                            + "/ in the rendered configuration but found "
                            + matches
                            + "; update the test's adaptation:\n"
                            + text);
        }
        return matcher.replaceAll(Matcher.quoteReplacement(replacement));
    }

    /**
     * Returns the test's own main configuration: one worker in the foreground, and pid file, logs
     * and temporary folders in {@code dir}. When run as root, the workers run as nobody.
     */
    private static String mainConfiguration(Path dir, Path siteFile)
            throws IOException, InterruptedException {
        String user = runsAsRoot() ? "user nobody " + primaryGroup("nobody") + ";\n" : "";
        Path temp = dir.resolve("temp");
        return user
                + "daemon off;\n"
                + "worker_processes 1;\n"
                + "pid "
                + dir.resolve("nginx.pid")
                + ";\n"
                + "error_log "
                + dir.resolve("error.log")
                + " info;\n"
                + "events { worker_connections 64; }\n"
                + "http {\n"
                + "    types { text/html html; application/json json; text/javascript js;"
                + " text/css css; }\n"
                + "    default_type application/octet-stream;\n"
                + "    access_log "
                + dir.resolve("access.log")
                + ";\n"
                + "    client_body_temp_path "
                + temp.resolve("body")
                + ";\n"
                + "    proxy_temp_path "
                + temp.resolve("proxy")
                + ";\n"
                + "    fastcgi_temp_path "
                + temp.resolve("fastcgi")
                + ";\n"
                + "    uwsgi_temp_path "
                + temp.resolve("uwsgi")
                + ";\n"
                + "    scgi_temp_path "
                + temp.resolve("scgi")
                + ";\n"
                + "    include "
                + siteFile
                + ";\n"
                + "}\n";
    }

    private static void makeCertificate(Path certificate, Path key)
            throws IOException, InterruptedException {
        Files.createDirectories(certificate.getParent());
        run(
                "openssl",
                "req",
                "-x509",
                "-nodes",
                "-newkey",
                "rsa:2048",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                certificate.toString());
    }

    private static SSLContext trustOnly(Path certificate)
            throws IOException, GeneralSecurityException {
        Certificate parsed;
        try (InputStream in = Files.newInputStream(certificate)) {
            parsed = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
        trustStore.load(null, null);
        trustStore.setCertificateEntry("local-nginx", parsed);
        TrustManagerFactory trustManagers =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }

    private static boolean runsAsRoot() throws IOException {
        return ((Integer) Files.getAttribute(Paths.get("/proc/self"), "unix:uid")) == 0;
    }

    private static String primaryGroup(String user) throws IOException, InterruptedException {
        return run("id", "-gn", user).strip();
    }

    private static void makeReadableByAll(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                if (Files.isDirectory(path)) {
                    Files.setPosixFilePermissions(
                            path, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (!path.getFileName().toString().endsWith(".key")) {
                    Files.setPosixFilePermissions(
                            path, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    String.join(" ", command) + " failed; its output:\n" + output);
        }
        return output;
    }
}
