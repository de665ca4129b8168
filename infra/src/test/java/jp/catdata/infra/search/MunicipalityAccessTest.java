package jp.catdata.infra.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.catdata.infra.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class MunicipalityAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROLE_TEMPLATE =
            Path.of("src/main/resources/jp/catdata/infra/search/municipality-role.json");
    private static final List<String> GROUPS =
            List.of(
                    "131016-admin",
                    "131016-analyst",
                    "131016-viewer",
                    "011002-admin",
                    "011002-analyst",
                    "011002-viewer");

    private static Template search;
    private static Template identity;
    private static JsonNode properties;

    @BeforeAll
    static void synth() {
        search = TestApp.template(TestApp.stacks().search());
        identity = TestApp.template(TestApp.stacks().identity());
        Map<String, Map<String, Object>> resources =
                search.findResources("Custom::OpenSearchSecurityRoles");
        assertThat(resources).hasSize(1);
        properties = JSON.valueToTree(resources.values().iterator().next().get("Properties"));
    }

    @Test
    void roleForEveryGroup() {
        List<String> names = new ArrayList<>();
        properties.path("Roles").fieldNames().forEachRemaining(names::add);

        assertThat(names)
                .containsExactlyInAnyOrderElementsOf(
                        GROUPS.stream().map(g -> "cat-data-" + g).toList());
    }

    @Test
    void rolesFilterByMunicipalityCode() throws IOException {
        for (String group : GROUPS) {
            String code = group.substring(0, 6);
            JsonNode permission =
                    properties.path("Roles").path("cat-data-" + group).path("index_permissions");
            assertThat(permission).as(group).hasSize(1);
            assertThat(JSON.readTree(permission.get(0).path("dls").asText()))
                    .as("DLS query of %s", group)
                    .isEqualTo(
                            JSON.createObjectNode()
                                    .set(
                                            "term",
                                            JSON.createObjectNode()
                                                    .put("municipality_code", code)));
            assertThat(permission.get(0).path("index_patterns").toString())
                    .as(group)
                    .isEqualTo("[\"cat-data-*\"]");
            assertThat(permission.get(0).path("allowed_actions").toString())
                    .as(group)
                    .isEqualTo("[\"read\"]");
        }
    }

    @Test
    void viewersOnlyReadGlobalTenant() {
        assertThat(tenantAction("131016-viewer")).isEqualTo("kibana_all_read");
        assertThat(tenantAction("131016-analyst")).isEqualTo("kibana_all_write");
        assertThat(tenantAction("011002-admin")).isEqualTo("kibana_all_write");
    }

    @Test
    void rolesAreTemplateRenderings() throws IOException {
        String template = Files.readString(ROLE_TEMPLATE);
        for (String group : GROUPS) {
            String rendered =
                    template.replace("{{group_name}}", group)
                            .replace("{{municipality_code}}", group.substring(0, 6))
                            .replace(
                                    "{{global_tenant_action}}",
                                    group.endsWith("viewer")
                                            ? "kibana_all_read"
                                            : "kibana_all_write")
                            .replace("{{backend_role}}", "unused");
            JsonNode expected = JSON.readTree(rendered);
            assertThat(properties.path("Roles").path(expected.path("role_name").asText()))
                    .as(group)
                    .isEqualTo(expected.path("role"));
        }
    }

    @Test
    void mappingsFromGroupRoles() {
        for (String group : GROUPS) {
            JsonNode backendRoles =
                    properties.path("RoleMappings").path("cat-data-" + group).path("backend_roles");
            assertThat(backendRoles).as(group).hasSize(1);
            assertThat(backendRoles.get(0).at("/Fn::GetStackOutput/OutputName").asText())
                    .as(group)
                    .contains("StaffRole" + group.replace("-", ""));
        }
    }

    @Test
    void dashboardsUserMappedFromEveryGroup() {
        JsonNode backendRoles =
                properties
                        .path("RoleMappings")
                        .path("opensearch_dashboards_user")
                        .path("backend_roles");
        List<String> outputs = new ArrayList<>();
        backendRoles.forEach(r -> outputs.add(r.at("/Fn::GetStackOutput/OutputName").asText()));

        assertThat(outputs).hasSize(GROUPS.size());
        for (String group : GROUPS) {
            assertThat(outputs).anyMatch(o -> o.contains("StaffRole" + group.replace("-", "")));
        }
    }

    @Test
    void signsAsPlatformAdmin() {
        assertThat(properties.at("/MasterRoleArn/Fn::GetStackOutput/OutputName").asText())
                .contains("StaffPlatformAdminRole");
        assertThat(properties.at("/Endpoint/Fn::Join/1/0").asText()).isEqualTo("https://");
        assertThat(properties.at("/Endpoint/Fn::Join/1/1/Fn::GetAtt/1").asText())
                .isEqualTo("DomainEndpoint");
    }

    @Test
    void functionInPrivateSubnets() {
        search.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of(
                        "Runtime",
                        "nodejs24.x",
                        "Handler",
                        "index.handler",
                        "Timeout",
                        300,
                        "VpcConfig",
                        Map.of(
                                "SubnetIds",
                                List.of(
                                        stackOutput("NetworkVpcprivateSubnet1"),
                                        stackOutput("NetworkVpcprivateSubnet2")),
                                "SecurityGroupIds",
                                List.of(stackOutput("SecurityGroupsSecurityConfig")))));
    }

    @Test
    void functionRoleAssumesOnlyMasterRole() {
        search.hasResourceProperties(
                "AWS::IAM::Role",
                Map.of(
                        "RoleName",
                        "cat-data-opensearch-security-config",
                        "AssumeRolePolicyDocument",
                        Map.of(
                                "Statement",
                                List.of(
                                        Map.of(
                                                "Action",
                                                "sts:AssumeRole",
                                                "Effect",
                                                "Allow",
                                                "Principal",
                                                Map.of("Service", "lambda.amazonaws.com"))),
                                "Version",
                                "2012-10-17")));
        search.hasResourceProperties(
                "AWS::IAM::Policy",
                Map.of(
                        "PolicyDocument",
                        Match.objectLike(
                                Map.of(
                                        "Statement",
                                        Match.arrayWith(
                                                List.of(
                                                        Map.of(
                                                                "Action",
                                                                "sts:AssumeRole",
                                                                "Effect",
                                                                "Allow",
                                                                "Resource",
                                                                stackOutput(
                                                                        "StaffPlatformAdminRole"))))))));
    }

    @Test
    void masterRoleTrustsFunctionRole() {
        identity.hasResourceProperties(
                "AWS::IAM::Role",
                Map.of(
                        "AssumeRolePolicyDocument",
                        Match.objectLike(
                                Map.of(
                                        "Statement",
                                        Match.arrayWith(
                                                List.of(
                                                        Map.of(
                                                                "Action",
                                                                "sts:AssumeRole",
                                                                "Effect",
                                                                "Allow",
                                                                "Principal",
                                                                Map.of(
                                                                        "AWS",
                                                                        "arn:aws:iam::123456789012:root"),
                                                                "Condition",
                                                                Map.of(
                                                                        "ArnEquals",
                                                                        Map.of(
                                                                                "aws:PrincipalArn",
                                                                                "arn:aws:iam::123456789012:role/cat-data-opensearch-security-config")))))))));
    }

    @Test
    void functionLogsKeptThreeMonths() {
        search.hasResourceProperties(
                "AWS::Logs::LogGroup",
                Map.of("RetentionInDays", 90, "LogGroupName", Match.absent()));
    }

    private static String tenantAction(String group) {
        return properties
                .path("Roles")
                .path("cat-data-" + group)
                .at("/tenant_permissions/0/allowed_actions/0")
                .asText();
    }

    /** Matches a cross-stack reference to an output whose name contains {@code logicalIdPart}. */
    private static Object stackOutput(String logicalIdPart) {
        return Map.of(
                "Fn::GetStackOutput",
                Match.objectLike(
                        Map.of("OutputName", Match.stringLikeRegexp(".*" + logicalIdPart + ".*"))));
    }
}
