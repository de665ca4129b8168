package jp.catdata.infra.search;

import java.util.List;
import java.util.Map;
import jp.catdata.infra.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class SearchStackTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = TestApp.template(TestApp.stacks().search());
    }

    @Test
    void domainNameAndVersion() {
        template.resourceCountIs("AWS::OpenSearchService::Domain", 1);
        template.hasResourceProperties(
                "AWS::OpenSearchService::Domain",
                Map.of("DomainName", "cat-search-domain", "EngineVersion", "OpenSearch_2.19"));
    }

    @Test
    void twoDataNodesAcrossTwoZones() {
        template.hasResourceProperties(
                "AWS::OpenSearchService::Domain",
                Map.of(
                        "ClusterConfig",
                        Map.of(
                                "InstanceType",
                                "r6g.large.search",
                                "InstanceCount",
                                2,
                                "DedicatedMasterEnabled",
                                false,
                                "MultiAZWithStandbyEnabled",
                                false,
                                "ZoneAwarenessEnabled",
                                true,
                                "ZoneAwarenessConfig",
                                Map.of("AvailabilityZoneCount", 2))));
    }

    @Test
    void inBothPrivateSubnets() {
        template.hasResourceProperties(
                "AWS::OpenSearchService::Domain",
                Map.of(
                        "VPCOptions",
                        Map.of(
                                "SubnetIds",
                                List.of(
                                        stackOutput("NetworkVpcprivateSubnet1"),
                                        stackOutput("NetworkVpcprivateSubnet2")),
                                "SecurityGroupIds",
                                List.of(stackOutput("SecurityGroupsSearch")))));
    }

    @Test
    void encryptionAtRestAndInTransit() {
        template.hasResourceProperties(
                "AWS::OpenSearchService::Domain",
                Map.of(
                        "EncryptionAtRestOptions", Map.of("Enabled", true),
                        "NodeToNodeEncryptionOptions", Map.of("Enabled", true)));
    }

    @Test
    void httpsOnlyWithTls12OrLater() {
        template.hasResourceProperties(
                "AWS::OpenSearchService::Domain",
                Map.of(
                        "DomainEndpointOptions",
                        Match.objectLike(
                                Map.of(
                                        "EnforceHTTPS",
                                        true,
                                        "TLSSecurityPolicy",
                                        "Policy-Min-TLS-1-2-PFS-2023-10"))));
    }

    @Test
    void customEndpointForDashboards() {
        template.hasResourceProperties(
                "AWS::OpenSearchService::Domain",
                Map.of(
                        "DomainEndpointOptions",
                        Match.objectLike(
                                Map.of(
                                        "CustomEndpointEnabled", true,
                                        "CustomEndpoint", TestApp.HOST_NAME,
                                        "CustomEndpointCertificateArn", TestApp.CERTIFICATE_ARN))));
    }

    @Test
    void fineGrainedAccessControlWithIamMaster() {
        template.hasResourceProperties(
                "AWS::OpenSearchService::Domain",
                Map.of(
                        "AdvancedSecurityOptions",
                        Map.of(
                                "Enabled",
                                true,
                                "InternalUserDatabaseEnabled",
                                false,
                                "MasterUserOptions",
                                Map.of("MasterUserARN", stackOutput("StaffPlatformAdminRole")))));
    }

    @Test
    void cognitoAuthenticationForDashboards() {
        template.hasResourceProperties(
                "AWS::OpenSearchService::Domain",
                Map.of(
                        "CognitoOptions",
                        Map.of(
                                "Enabled", true,
                                "UserPoolId", stackOutput("StaffUserPool"),
                                "IdentityPoolId", stackOutput("StaffIdentityPool"),
                                "RoleArn", Match.objectLike(Map.of()))));
    }

    @Test
    void accessPolicyAdmitsOnlyThisAccount() {
        template.hasResourceProperties(
                "AWS::OpenSearchService::Domain",
                Map.of(
                        "AccessPolicies",
                        Map.of(
                                "Version",
                                "2012-10-17",
                                "Statement",
                                List.of(
                                        Map.of(
                                                "Effect",
                                                "Allow",
                                                "Principal",
                                                Map.of("AWS", "arn:aws:iam::123456789012:root"),
                                                "Action",
                                                List.of(
                                                        "es:ESHttpGet",
                                                        "es:ESHttpHead",
                                                        "es:ESHttpPost",
                                                        "es:ESHttpPut",
                                                        "es:ESHttpPatch",
                                                        "es:ESHttpDelete"),
                                                "Resource",
                                                "arn:aws:es:ap-northeast-1:123456789012:domain/cat-search-domain/*")))));
    }

    @Test
    void logsPublishedToCloudWatch() {
        Map<String, Object> enabled =
                Map.of("Enabled", true, "CloudWatchLogsLogGroupArn", Match.anyValue());
        template.hasResourceProperties(
                "AWS::OpenSearchService::Domain",
                Map.of(
                        "LogPublishingOptions",
                        Map.of(
                                "ES_APPLICATION_LOGS", enabled,
                                "SEARCH_SLOW_LOGS", enabled,
                                "INDEX_SLOW_LOGS", enabled,
                                "AUDIT_LOGS", enabled)));
        // The fifth log group is the security configuration function's.
        template.resourceCountIs("AWS::Logs::LogGroup", 5);
        template.resourceCountIs("AWS::Logs::ResourcePolicy", 1);
    }

    @Test
    void onlySecurityConfigFunction() {
        template.resourceCountIs("AWS::Lambda::Function", 1);
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of(
                        "Role",
                        Map.of(
                                "Fn::GetAtt",
                                Match.arrayWith(
                                        List.of(
                                                Match.stringLikeRegexp(
                                                        "MunicipalityAccessFunctionRole.*"))))));
    }

    /** Matches a cross-stack reference to an output whose name contains {@code logicalIdPart}. */
    private static Object stackOutput(String logicalIdPart) {
        return Map.of(
                "Fn::GetStackOutput",
                Match.objectLike(
                        Map.of("OutputName", Match.stringLikeRegexp(".*" + logicalIdPart + ".*"))));
    }
}
