package jp.catdata.infra.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.catdata.infra.Names;
import jp.catdata.infra.identity.StaffIdentity;
import jp.catdata.infra.identity.StaffIdentity.StaffRole;
import jp.catdata.infra.network.CatDataVpc;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.opensearchservice.Domain;
import software.constructs.Construct;

/**
 * Per-municipality access to the live indices, enforced by fine-grained access control.
 *
 * <p>Each Cognito group of a municipality ({@code <code>-admin}, {@code -analyst}, {@code -viewer})
 * gets one OpenSearch role, rendered by {@link MunicipalityRoles}, whose document-level security
 * query admits only documents of that municipality code. The role is mapped from the group's IAM
 * role, which OpenSearch receives as the signed-in user's backend role. Every group role is also
 * mapped to the built-in {@value #DASHBOARDS_USER_ROLE}, which Dashboards users need.
 *
 * <p>A custom resource applies them through the security plugin's REST API: the function in {@code
 * lambda/opensearch-security/} runs in the private subnets, assumes the master user's role through
 * the STS endpoint and signs its requests with SigV4. On stack deletion it deletes the roles and
 * their mappings.
 */
public final class MunicipalityAccess extends Construct {

    /** Built-in role of the security plugin that lets a user open Dashboards. */
    public static final String DASHBOARDS_USER_ROLE = "opensearch_dashboards_user";

    /** Folder of the function's code, relative to {@code infra/}, where the CDK CLI runs. */
    static final String FUNCTION_CODE_DIR = "lambda/opensearch-security";

    private final Function function;
    private final CustomResource resource;

    public MunicipalityAccess(
            Construct scope,
            String id,
            Domain domain,
            IVpc vpc,
            ISecurityGroup securityGroup,
            StaffIdentity identity,
            List<String> municipalityCodes) {
        super(scope, id);

        Map<String, Object> roles = new LinkedHashMap<>();
        Map<String, Object> roleMappings = new LinkedHashMap<>();
        List<String> dashboardsUsers = new ArrayList<>();
        for (String code : municipalityCodes) {
            for (StaffRole staffRole : StaffRole.values()) {
                IRole groupRole =
                        identity.groupRoles().get(StaffIdentity.groupName(code, staffRole));
                MunicipalityRoles rendered =
                        MunicipalityRoles.render(code, staffRole, groupRole.getRoleArn());
                roles.put(rendered.name(), rendered.role());
                roleMappings.put(rendered.name(), rendered.roleMapping());
                dashboardsUsers.add(groupRole.getRoleArn());
            }
        }
        // NOTE: PUT replaces the whole mapping, so mappings of this built-in role made by hand in
        // Dashboards are lost on every deploy that changes the groups.
        roleMappings.put(
                DASHBOARDS_USER_ROLE,
                Map.of(
                        "description",
                        "Municipality groups of cat-data-v21",
                        "backend_roles",
                        dashboardsUsers));

        Role role = functionRole(identity);
        LogGroup logs =
                LogGroup.Builder.create(this, "Logs")
                        .retention(RetentionDays.THREE_MONTHS)
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .build();
        logs.grantWrite(role);

        function =
                Function.Builder.create(this, "Function")
                        .description(
                                "Writes the municipality roles and role mappings into OpenSearch")
                        .runtime(Runtime.NODEJS_24_X)
                        .handler("index.handler")
                        .code(Code.fromAsset(FUNCTION_CODE_DIR))
                        .role(role)
                        .logGroup(logs)
                        .memorySize(256)
                        .timeout(Duration.minutes(5))
                        .vpc(vpc)
                        .vpcSubnets(CatDataVpc.privateSubnets())
                        .securityGroups(List.of(securityGroup))
                        .build();

        resource =
                CustomResource.Builder.create(this, "Roles")
                        .serviceToken(function.getFunctionArn())
                        .resourceType("Custom::OpenSearchSecurityRoles")
                        .properties(
                                Map.of(
                                        "Endpoint",
                                        "https://" + domain.getDomainEndpoint(),
                                        "MasterRoleArn",
                                        identity.platformAdminRole().getRoleArn(),
                                        "Roles",
                                        roles,
                                        "RoleMappings",
                                        roleMappings))
                        .build();
        resource.getNode().addDependency(domain);
    }

    /**
     * Returns the function's role, named {@value Names#SECURITY_CONFIG_ROLE} so that the master
     * user's role can trust it by ARN. It may assume the master role, whose credentials sign the
     * requests to OpenSearch, and manage the network interfaces that a function in a VPC needs.
     */
    private Role functionRole(StaffIdentity identity) {
        Role role =
                Role.Builder.create(this, "FunctionRole")
                        .roleName(Names.SECURITY_CONFIG_ROLE)
                        .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                        .description("Writes OpenSearch security roles as the master user")
                        .build();
        role.addToPolicy(
                PolicyStatement.Builder.create()
                        .actions(List.of("sts:AssumeRole"))
                        .resources(List.of(identity.platformAdminRole().getRoleArn()))
                        .build());
        // The actions of the AWS managed policy AWSLambdaVPCAccessExecutionRole. EC2 supports no
        // narrower resource for creating and describing network interfaces.
        role.addToPolicy(
                PolicyStatement.Builder.create()
                        .actions(
                                List.of(
                                        "ec2:CreateNetworkInterface",
                                        "ec2:DescribeNetworkInterfaces",
                                        "ec2:DescribeSubnets",
                                        "ec2:DeleteNetworkInterface",
                                        "ec2:AssignPrivateIpAddresses",
                                        "ec2:UnassignPrivateIpAddresses"))
                        .resources(List.of("*"))
                        .build());
        return role;
    }

    public Function function() {
        return function;
    }

    public CustomResource resource() {
        return resource;
    }
}
