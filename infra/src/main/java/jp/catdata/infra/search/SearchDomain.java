package jp.catdata.infra.search;

import java.util.List;
import java.util.Map;
import jp.catdata.infra.Names;
import jp.catdata.infra.identity.StaffIdentity;
import jp.catdata.infra.network.CatDataVpc;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.CfnResourcePolicy;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.opensearchservice.AdvancedSecurityOptions;
import software.amazon.awscdk.services.opensearchservice.CapacityConfig;
import software.amazon.awscdk.services.opensearchservice.CfnDomain;
import software.amazon.awscdk.services.opensearchservice.CognitoOptions;
import software.amazon.awscdk.services.opensearchservice.CustomEndpointOptions;
import software.amazon.awscdk.services.opensearchservice.Domain;
import software.amazon.awscdk.services.opensearchservice.EbsOptions;
import software.amazon.awscdk.services.opensearchservice.EncryptionAtRestOptions;
import software.amazon.awscdk.services.opensearchservice.EngineVersion;
import software.amazon.awscdk.services.opensearchservice.LoggingOptions;
import software.amazon.awscdk.services.opensearchservice.TLSSecurityPolicy;
import software.amazon.awscdk.services.opensearchservice.ZoneAwarenessConfig;
import software.constructs.Construct;

/**
 * The OpenSearch Service domain {@value Names#SEARCH_DOMAIN}: {@value #DATA_NODES} {@value
 * #INSTANCE_TYPE} data nodes, one in each private subnet, with zone awareness.
 *
 * <p>Encryption at rest, node-to-node encryption, HTTPS only with TLS 1.2 or later, fine-grained
 * access control with the platform administrators' role as master user, and Cognito sign-in for
 * OpenSearch Dashboards.
 *
 * <p>OpenSearch gives every index one replica unless an index template sets another number. With
 * zone awareness, that replica lives in the other zone. The job's index templates must therefore
 * keep {@code number_of_replicas} at 1.
 *
 * <p>Staff reach the Dashboards at the custom endpoint {@code
 * https://<dashboardsHostName>/_dashboards}, through the load balancer and the proxy.
 *
 * <p>NOTE: sign-in returns to that host name only if the app client that OpenSearch creates in the
 * user pool lists it among its callback URLs. This has not been checked against a deployed domain;
 * {@code docs/deploy.md} describes the check.
 */
public final class SearchDomain extends Construct {

    public static final String INSTANCE_TYPE = "r6g.large.search";
    public static final int DATA_NODES = 2;
    public static final int EBS_VOLUME_GB = 100;
    public static final EngineVersion ENGINE_VERSION = EngineVersion.OPENSEARCH_2_19;

    /** HTTP methods that principals of this account may send, before IAM and FGAC narrow them. */
    static final List<String> HTTP_ACTIONS =
            List.of(
                    "es:ESHttpGet",
                    "es:ESHttpHead",
                    "es:ESHttpPost",
                    "es:ESHttpPut",
                    "es:ESHttpPatch",
                    "es:ESHttpDelete");

    private final Domain domain;

    public SearchDomain(
            Construct scope,
            String id,
            IVpc vpc,
            ISecurityGroup securityGroup,
            StaffIdentity identity,
            String dashboardsHostName,
            String certificateArn) {
        super(scope, id);
        Stack stack = Stack.of(this);
        String domainArn = StaffIdentity.searchDomainArn(this);

        Role cognitoAccess = cognitoAccessRole(identity);

        LogGroup appLogs = logGroup("AppLogs", "application");
        LogGroup slowSearchLogs = logGroup("SlowSearchLogs", "slow-search");
        LogGroup slowIndexLogs = logGroup("SlowIndexLogs", "slow-index");
        LogGroup auditLogs = logGroup("AuditLogs", "audit");
        // Written here, not by the Domain construct, which would deploy a Lambda function to do it.
        CfnResourcePolicy logsPolicy =
                CfnResourcePolicy.Builder.create(this, "LogsResourcePolicy")
                        .policyName("cat-search-domain-logs")
                        .policyDocument(
                                logsPolicyDocument(
                                        stack.getAccount(),
                                        domainArn,
                                        List.of(
                                                appLogs.getLogGroupArn(),
                                                slowSearchLogs.getLogGroupArn(),
                                                slowIndexLogs.getLogGroupArn(),
                                                auditLogs.getLogGroupArn())))
                        .build();

        domain =
                Domain.Builder.create(this, "Domain")
                        .domainName(Names.SEARCH_DOMAIN)
                        .version(ENGINE_VERSION)
                        .capacity(
                                CapacityConfig.builder()
                                        .dataNodes(DATA_NODES)
                                        .dataNodeInstanceType(INSTANCE_TYPE)
                                        .multiAzWithStandbyEnabled(false)
                                        .build())
                        .ebs(
                                EbsOptions.builder()
                                        .enabled(true)
                                        .volumeType(EbsDeviceVolumeType.GP3)
                                        .volumeSize(EBS_VOLUME_GB)
                                        .build())
                        .zoneAwareness(
                                ZoneAwarenessConfig.builder()
                                        .enabled(true)
                                        .availabilityZoneCount(2)
                                        .build())
                        .vpc(vpc)
                        .vpcSubnets(List.of(CatDataVpc.privateSubnets()))
                        .securityGroups(List.of(securityGroup))
                        .encryptionAtRest(EncryptionAtRestOptions.builder().enabled(true).build())
                        .nodeToNodeEncryption(true)
                        .enforceHttps(true)
                        .tlsSecurityPolicy(TLSSecurityPolicy.TLS_1_2_PFS)
                        .fineGrainedAccessControl(
                                AdvancedSecurityOptions.builder()
                                        .masterUserArn(identity.platformAdminRole().getRoleArn())
                                        .build())
                        .cognitoDashboardsAuth(
                                CognitoOptions.builder()
                                        .userPoolId(identity.userPool().getUserPoolId())
                                        .identityPoolId(identity.identityPool().getRef())
                                        .role(cognitoAccess)
                                        .build())
                        .customEndpoint(
                                CustomEndpointOptions.builder()
                                        .domainName(dashboardsHostName)
                                        .certificate(
                                                Certificate.fromCertificateArn(
                                                        this, "Certificate", certificateArn))
                                        .build())
                        .logging(
                                LoggingOptions.builder()
                                        .appLogEnabled(true)
                                        .appLogGroup(appLogs)
                                        .slowSearchLogEnabled(true)
                                        .slowSearchLogGroup(slowSearchLogs)
                                        .slowIndexLogEnabled(true)
                                        .slowIndexLogGroup(slowIndexLogs)
                                        .auditLogEnabled(true)
                                        .auditLogGroup(auditLogs)
                                        .build())
                        .suppressLogsResourcePolicy(true)
                        .enableAutoSoftwareUpdate(true)
                        .removalPolicy(RemovalPolicy.RETAIN)
                        .build();
        domain.getNode().addDependency(logsPolicy);

        // The access policy is set on the CloudFormation resource directly: the Domain
        // construct's accessPolicies would deploy a Lambda function to apply it after creation.
        // It admits IAM principals of this account only; their own IAM policies and fine-grained
        // access control decide what each may do.
        CfnDomain cfnDomain = (CfnDomain) domain.getNode().getDefaultChild();
        cfnDomain.setAccessPolicies(
                Map.of(
                        "Version",
                        "2012-10-17",
                        "Statement",
                        List.of(
                                PolicyStatement.Builder.create()
                                        .principals(List.of(new AccountRootPrincipal()))
                                        .actions(HTTP_ACTIONS)
                                        .resources(List.of(domainArn + "/*"))
                                        .build()
                                        .toStatementJson())));
    }

    /**
     * Returns the role that OpenSearch assumes to configure Cognito sign-in: the actions of the AWS
     * managed policy AmazonOpenSearchServiceCognitoAccess, limited to this pool's resources.
     */
    private Role cognitoAccessRole(StaffIdentity identity) {
        Stack stack = Stack.of(this);
        Role role =
                Role.Builder.create(this, "CognitoAccessRole")
                        .assumedBy(new ServicePrincipal("es.amazonaws.com"))
                        .description("Lets OpenSearch Service configure Cognito for Dashboards")
                        .build();
        role.addToPolicy(
                PolicyStatement.Builder.create()
                        .actions(
                                List.of(
                                        "cognito-idp:DescribeUserPool",
                                        "cognito-idp:CreateUserPoolClient",
                                        "cognito-idp:DeleteUserPoolClient",
                                        "cognito-idp:UpdateUserPoolClient",
                                        "cognito-idp:DescribeUserPoolClient",
                                        "cognito-idp:AdminInitiateAuth",
                                        "cognito-idp:AdminUserGlobalSignOut",
                                        "cognito-idp:ListUserPoolClients"))
                        .resources(List.of(identity.userPool().getUserPoolArn()))
                        .build());
        role.addToPolicy(
                PolicyStatement.Builder.create()
                        .actions(
                                List.of(
                                        "cognito-identity:DescribeIdentityPool",
                                        "cognito-identity:UpdateIdentityPool",
                                        "cognito-identity:GetIdentityPoolRoles"))
                        .resources(
                                List.of(
                                        stack.formatArn(
                                                ArnComponents.builder()
                                                        .service("cognito-identity")
                                                        .resource("identitypool")
                                                        .resourceName(
                                                                identity.identityPool().getRef())
                                                        .build())))
                        .build());
        role.addToPolicy(
                PolicyStatement.Builder.create()
                        .actions(List.of("iam:PassRole"))
                        .resources(
                                identity.identityPoolRoles().stream()
                                        .map(IRole::getRoleArn)
                                        .toList())
                        .conditions(
                                Map.of(
                                        "StringLike",
                                        Map.of(
                                                "iam:PassedToService",
                                                "cognito-identity.amazonaws.com")))
                        .build());
        return role;
    }

    private LogGroup logGroup(String id, String kind) {
        return LogGroup.Builder.create(this, id)
                .logGroupName("/aws/opensearch/" + Names.SEARCH_DOMAIN + "/" + kind)
                .retention(RetentionDays.THREE_MONTHS)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    /** Builds the CloudWatch Logs resource policy that lets this domain write its logs. */
    private String logsPolicyDocument(String account, String domainArn, List<String> logGroups) {
        Map<String, Object> statement =
                Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "es.amazonaws.com"),
                        "Action", List.of("logs:PutLogEvents", "logs:CreateLogStream"),
                        "Resource", logGroups,
                        "Condition",
                                Map.of(
                                        "StringEquals", Map.of("aws:SourceAccount", account),
                                        "ArnLike", Map.of("aws:SourceArn", domainArn)));
        // toJsonString keeps the log group ARNs, which are tokens until deployment, resolvable.
        return Stack.of(this)
                .toJsonString(Map.of("Version", "2012-10-17", "Statement", List.of(statement)));
    }

    public Domain domain() {
        return domain;
    }
}
