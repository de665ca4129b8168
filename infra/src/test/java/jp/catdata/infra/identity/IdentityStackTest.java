package jp.catdata.infra.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.catdata.infra.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class IdentityStackTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = TestApp.template(TestApp.stacks().identity());
    }

    @Test
    void userPoolAdminCreatesUsers() {
        template.resourceCountIs("AWS::Cognito::UserPool", 1);
        template.hasResourceProperties(
                "AWS::Cognito::UserPool",
                Map.of(
                        "UserPoolName",
                        "cat-data-users",
                        "AdminCreateUserConfig",
                        Map.of("AllowAdminCreateUserOnly", true)));
    }

    @Test
    void userPoolRequiresTotpMfa() {
        template.hasResourceProperties(
                "AWS::Cognito::UserPool",
                Map.of("MfaConfiguration", "ON", "EnabledMfas", List.of("SOFTWARE_TOKEN_MFA")));
    }

    @Test
    void userPoolPasswordPolicy() {
        template.hasResourceProperties(
                "AWS::Cognito::UserPool",
                Map.of(
                        "Policies",
                        Map.of(
                                "PasswordPolicy",
                                Map.of(
                                        "MinimumLength", 14,
                                        "RequireLowercase", true,
                                        "RequireUppercase", true,
                                        "RequireNumbers", true,
                                        "RequireSymbols", true,
                                        "TemporaryPasswordValidityDays", 3))));
    }

    @Test
    void userPoolThreatProtection() {
        template.hasResourceProperties(
                "AWS::Cognito::UserPool",
                Map.of(
                        "UserPoolTier", "PLUS",
                        "UserPoolAddOns", Map.of("AdvancedSecurityMode", "ENFORCED"),
                        "DeletionProtection", "ACTIVE"));
    }

    @Test
    void appClient() {
        template.resourceCountIs("AWS::Cognito::UserPoolClient", 1);
        template.hasResourceProperties(
                "AWS::Cognito::UserPoolClient",
                Map.of(
                        "ClientName",
                        "cat-data-client",
                        "GenerateSecret",
                        false,
                        "PreventUserExistenceErrors",
                        "ENABLED",
                        "CallbackURLs",
                        List.of(
                                "https://dashboards.city.example.jp/_dashboards/",
                                "https://dashboards.city.example.jp/map/"),
                        "LogoutURLs",
                        List.of(
                                "https://dashboards.city.example.jp/_dashboards/",
                                "https://dashboards.city.example.jp/map/")));
    }

    @Test
    void identityPoolForDashboards() {
        template.resourceCountIs("AWS::Cognito::IdentityPool", 1);
        template.hasResourceProperties(
                "AWS::Cognito::IdentityPool",
                Map.of(
                        "AllowUnauthenticatedIdentities",
                        false,
                        "CognitoIdentityProviders",
                        List.of(Match.objectLike(Map.of("ServerSideTokenCheck", true)))));
    }

    @Test
    void identityPoolMapsRolesFromGroups() {
        template.hasResourceProperties(
                "AWS::Cognito::IdentityPoolRoleAttachment",
                Map.of(
                        "RoleMappings",
                        Map.of(
                                "appClient",
                                Match.objectLike(
                                        Map.of(
                                                "Type", "Token",
                                                "AmbiguousRoleResolution", "Deny")))));
    }

    @Test
    void oneGroupPerMunicipalityAndRole() {
        List<String> expected = new ArrayList<>();
        expected.add("platform-admin");
        for (String code : TestApp.MUNICIPALITY_CODES) {
            for (String role : List.of("admin", "analyst", "viewer")) {
                expected.add(code + "-" + role);
            }
        }

        List<Object> names = new ArrayList<>();
        template.findResources("AWS::Cognito::UserPoolGroup")
                .values()
                .forEach(group -> names.add(properties(group).get("GroupName")));

        assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyGroupHasRole() {
        template.allResourcesProperties(
                "AWS::Cognito::UserPoolGroup",
                Map.of("RoleArn", Map.of("Fn::GetAtt", List.of(Match.anyValue(), "Arn"))));
    }

    @Test
    void viewerRoleReadsOnly() {
        template.hasResourceProperties(
                "AWS::IAM::Policy",
                Map.of(
                        "PolicyDocument",
                        Map.of(
                                "Statement",
                                List.of(
                                        Map.of(
                                                "Effect", "Allow",
                                                "Action",
                                                        List.of(
                                                                "es:ESHttpGet",
                                                                "es:ESHttpHead",
                                                                "es:ESHttpPost"),
                                                "Resource",
                                                        "arn:aws:es:ap-northeast-1:123456789012:domain/cat-search-domain/*")),
                                "Version",
                                "2012-10-17"),
                        "Roles",
                        List.of(Map.of("Ref", Match.stringLikeRegexp("StaffRole131016viewer.*")))));
    }

    @Test
    void groupRolesTrustAuthenticatedIdentities() {
        template.hasResourceProperties(
                "AWS::IAM::Role",
                Map.of(
                        "AssumeRolePolicyDocument",
                        Match.objectLike(
                                Map.of(
                                        "Statement",
                                        List.of(
                                                Match.objectLike(
                                                        Map.of(
                                                                "Action",
                                                                "sts:AssumeRoleWithWebIdentity",
                                                                "Principal",
                                                                Map.of(
                                                                        "Federated",
                                                                        "cognito-identity.amazonaws.com"),
                                                                "Condition",
                                                                Map.of(
                                                                        "StringEquals",
                                                                        Map.of(
                                                                                "cognito-identity.amazonaws.com:aud",
                                                                                Match.anyValue()),
                                                                        "ForAnyValue:StringLike",
                                                                        Map.of(
                                                                                "cognito-identity.amazonaws.com:amr",
                                                                                "authenticated")))))))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
