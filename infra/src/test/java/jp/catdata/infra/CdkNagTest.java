package jp.catdata.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

/**
 * Runs the cdk-nag AwsSolutions rules over every stack. Each finding that stays is suppressed
 * below, on the narrowest construct and resource it concerns, with the reason it is accepted.
 */
class CdkNagTest {

    private static final Path OUT_DIR = Path.of("target", "cdk.out-nag");
    private static final String DOMAIN_ARN =
            "arn:aws:es:" + TestApp.REGION + ":" + TestApp.ACCOUNT + ":domain/cat-search-domain";

    private static CatDataApp.Stacks stacks;
    private static CloudAssembly assembly;

    @BeforeAll
    static void synthWithChecks() throws IOException {
        // Reports of an earlier run must not stand in for this one.
        deleteRecursively(OUT_DIR);
        App app =
                new App(
                        AppProps.builder()
                                .context(TestApp.context())
                                .outdir(OUT_DIR.toString())
                                .build());
        stacks =
                CatDataApp.build(
                        app,
                        Environment.builder()
                                .account(TestApp.ACCOUNT)
                                .region(TestApp.REGION)
                                .build(),
                        CatDataConfig.fromContext(app.getNode()));
        suppress(stacks);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        try {
            assembly = app.synth();
        } catch (RuntimeException e) {
            // An unsuppressed error makes synthesis fail; list the findings instead of the trace.
            fail("synthesis failed the cdk-nag checks:\n" + violations(), e);
        }
    }

    @Test
    void noUnsuppressedErrors() {
        for (Stack stack : all()) {
            assertThat(findings(stack, SynthesisMessageLevel.ERROR))
                    .as("cdk-nag errors in %s", stack.getStackName())
                    .isEmpty();
        }
    }

    @Test
    void noUnsuppressedWarnings() {
        for (Stack stack : all()) {
            assertThat(findings(stack, SynthesisMessageLevel.WARNING))
                    .as("cdk-nag warnings in %s", stack.getStackName())
                    .isEmpty();
        }
    }

    @Test
    void reportForEveryStack() throws IOException {
        for (Stack stack : all()) {
            assertThat(reportRows(stack))
                    .as("report rows of %s", stack.getStackName())
                    .isNotEmpty();
        }
    }

    @Test
    void reportsOnlyCompliantOrSuppressed() throws IOException {
        for (Stack stack : all()) {
            for (List<String> row : reportRows(stack)) {
                assertThat(row.get(2))
                        .as("%s on %s", row.get(0), row.get(1))
                        .isIn("Compliant", "Suppressed");
            }
        }
    }

    @Test
    void suppressionsCarryReasons() throws IOException {
        int suppressed = 0;
        for (Stack stack : all()) {
            for (List<String> row : reportRows(stack)) {
                if (row.get(2).equals("Suppressed")) {
                    suppressed++;
                    assertThat(row.get(3))
                            .as("reason for %s on %s", row.get(0), row.get(1))
                            .hasSizeGreaterThan(80);
                }
            }
        }
        assertThat(suppressed).isPositive();
    }

    @Test
    void dataBucketPassesS3Rules() throws IOException {
        for (String rule : List.of("AwsSolutions-S1", "AwsSolutions-S10")) {
            assertThat(reportRows(stacks.data()))
                    .as(rule)
                    .contains(
                            List.of(
                                    rule,
                                    "CatData-Data/Storage/DataBucket/Resource",
                                    "Compliant",
                                    "N/A"));
        }
    }

    /** Reads cdk-nag's CSV report of a stack: rule, resource, compliance, reason. */
    private static List<List<String>> reportRows(Stack stack) throws IOException {
        Path report = OUT_DIR.resolve("AwsSolutions-" + stack.getStackName() + "-NagReport.csv");
        List<List<String>> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(report);
        // Every field is quoted, and quotes inside a field are doubled.
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.substring(1, line.length() - 1).split("\",\"", -1);
            rows.add(List.of(fields[0], fields[1], fields[2], fields[3].replace("\"\"", "\"")));
        }
        return rows;
    }

    /** Returns the AwsSolutions messages of one level in a stack's synthesized artifact. */
    private static List<String> findings(Stack stack, SynthesisMessageLevel level) {
        List<String> messages = new ArrayList<>();
        for (SynthesisMessage message :
                assembly.getStackByName(stack.getStackName()).getMessages()) {
            String text = String.valueOf(message.getEntry().getData());
            if (message.getLevel() == level && text.startsWith("AwsSolutions-")) {
                messages.add(message.getId() + ": " + text.lines().findFirst().orElse(""));
            }
        }
        return messages;
    }

    private static void suppress(CatDataApp.Stacks s) {
        NagSuppressions.addResourceSuppressions(
                s.network().securityGroups().loadBalancer(),
                List.of(
                        suppression(
                                "AwsSolutions-EC23",
                                "The internet-facing load balancer is the staff entry point and"
                                        + " admits only 80 (redirected) and 443; AWS WAF filters"
                                        + " the requests and every other group admits named source"
                                        + " groups only.")));
        NagSuppressions.addResourceSuppressions(
                s.network().network().publicAcl(),
                List.of(
                        suppression(
                                "AwsSolutions-VPC3",
                                "The design asks for this network ACL on the public subnets: 80"
                                        + " and 443 in, the ephemeral range for return traffic,"
                                        + " all out."
                                        + "")),
                true);

        NagSuppressions.addResourceSuppressions(
                s.identity().identity(),
                List.of(
                        suppression(
                                "AwsSolutions-IAM5",
                                "Dashboards users send requests to many paths of the domain"
                                        + " (_dashboards, .kibana, _plugins, index patterns), so the"
                                        + " group roles allow HTTP methods on the domain's paths;"
                                        + " fine-grained access control maps each group role to"
                                        + " its OpenSearch role and indices.",
                                "Resource::" + DOMAIN_ARN + "/*")),
                true);

        NagSuppressions.addResourceSuppressions(
                s.search().domain(),
                List.of(
                        suppression(
                                "AwsSolutions-OS3",
                                "The domain is reachable only inside the VPC, through its security"
                                        + " group, which admits the Flink application and the proxy;"
                                        + " OpenSearch does not evaluate IP conditions for VPC"
                                        + " domains."),
                        suppression(
                                "AwsSolutions-OS4",
                                "The design sizes the domain at two r6g.large data nodes without"
                                        + " dedicated cluster manager nodes, for cost; docs/deploy.md"
                                        + " states the availability trade-off and the nodes to add"
                                        + " for production.")),
                true);

        NagSuppressions.addResourceSuppressions(
                s.search().municipalityAccess(),
                List.of(
                        suppression(
                                "AwsSolutions-IAM5",
                                "The security configuration function runs in the VPC, so its role"
                                        + " needs the network interface actions of the managed"
                                        + " policy AWSLambdaVPCAccessExecutionRole; EC2 supports no"
                                        + " narrower resource for creating and describing them.",
                                "Resource::*")),
                true);

        NagSuppressions.addResourceSuppressions(
                s.processing().flink().role(),
                List.of(
                        new NagPackSuppression.Builder()
                                .id("AwsSolutions-IAM5")
                                .reason(
                                        "Each wildcard is in a resource, never an action, and stops"
                                                + " at what the service creates at run time:"
                                                + " enhanced fan-out consumers of the stream, objects"
                                                + " under curated/, the cat-* indices and index"
                                                + " templates, the network"
                                                + " interfaces of the application, and EC2 Describe"
                                                + " and logs:DescribeLogGroups, which support no"
                                                + " narrower resource.")
                                .appliesTo(
                                        List.of(
                                                regex("Resource::.*PositionStream.*/consumer/\\*"),
                                                regex(
                                                        "Resource::.*StorageDataBucket.*/curated/\\*"),
                                                "Resource::" + DOMAIN_ARN + "/cat-*",
                                                "Resource::"
                                                        + DOMAIN_ARN
                                                        + "/_index_template/cat-*",
                                                "Resource::arn:aws:ec2:"
                                                        + TestApp.REGION
                                                        + ":"
                                                        + TestApp.ACCOUNT
                                                        + ":network-interface/*",
                                                "Resource::arn:aws:logs:"
                                                        + TestApp.REGION
                                                        + ":"
                                                        + TestApp.ACCOUNT
                                                        + ":log-group:*",
                                                "Resource::*"))
                                .build()),
                true);

        NagSuppressions.addStackSuppressions(
                s.access(),
                List.of(
                        suppression(
                                "AwsSolutions-IAM4",
                                "AmazonSSMManagedInstanceCore is the AWS-maintained minimum for"
                                        + " Session Manager, the only way into the proxy hosts; AWS"
                                        + " updates it as the agent changes.",
                                "Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore")));
        NagSuppressions.addResourceSuppressions(
                s.access().proxy().autoScalingGroup(),
                List.of(
                        suppression(
                                "AwsSolutions-AS3",
                                "The proxy hosts are stateless; the ProxyUnhealthyHosts and"
                                        + " ProxyNoHealthyHosts alarms report failures, and launches"
                                        + " and terminations are in the group's activity history.")),
                true);

        NagSuppressions.addStackSuppressions(
                s.audit(),
                List.of(
                        suppression(
                                "AwsSolutions-IAM4",
                                "AWS_ConfigRole is the AWS-maintained policy for the Config"
                                        + " recorder; AWS extends it as Config records new resource"
                                        + " types.",
                                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole")));
    }

    private static NagPackSuppression suppression(String id, String reason, Object... appliesTo) {
        NagPackSuppression.Builder builder = new NagPackSuppression.Builder().id(id).reason(reason);
        if (appliesTo.length > 0) {
            builder.appliesTo(List.of(appliesTo));
        }
        return builder.build();
    }

    private static RegexAppliesTo regex(String pattern) {
        return RegexAppliesTo.builder().regex("/^" + pattern + "$/g").build();
    }

    private static List<Stack> all() {
        return List.of(
                stacks.network(),
                stacks.data(),
                stacks.identity(),
                stacks.search(),
                stacks.processing(),
                stacks.access(),
                stacks.monitoring(),
                stacks.audit());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Returns the error findings of CDK's validation report, one line each. */
    private static String violations() {
        Path report = OUT_DIR.resolve("validation-report.json");
        if (!Files.isRegularFile(report)) {
            return "(no validation report at " + report + ")";
        }
        List<String> lines = new ArrayList<>();
        try {
            JsonNode root = new ObjectMapper().readTree(report.toFile());
            for (JsonNode plugin : root.path("pluginReports")) {
                for (JsonNode violation : plugin.path("violations")) {
                    if (!"error".equals(violation.path("severity").asText())) {
                        continue;
                    }
                    for (JsonNode construct : violation.path("violatingConstructs")) {
                        lines.add(
                                violation
                                                .path("description")
                                                .asText()
                                                .lines()
                                                .findFirst()
                                                .orElse("")
                                        + " at "
                                        + construct.path("constructPath").asText());
                    }
                }
            }
        } catch (IOException e) {
            return "(cannot read " + report + ": " + e.getMessage() + ")";
        }
        return String.join("\n", lines);
    }
}
