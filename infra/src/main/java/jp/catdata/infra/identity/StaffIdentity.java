package jp.catdata.infra.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.catdata.infra.Names;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CfnIdentityPool;
import software.amazon.awscdk.services.cognito.CfnIdentityPoolRoleAttachment;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttribute;
import software.amazon.awscdk.services.cognito.StandardAttributes;
import software.amazon.awscdk.services.cognito.StandardThreatProtectionMode;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.FederatedPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * Staff sign-in: the Cognito user pool {@value Names#USER_POOL}, its app client {@value
 * Names#APP_CLIENT}, the identity pool that OpenSearch Dashboards signs staff in through, and one
 * Cognito group with its own IAM role per municipality and {@link StaffRole}, plus the {@value
 * Names#PLATFORM_ADMIN_GROUP} group.
 *
 * <p>Only administrators create users; every user signs in with a password of at least {@value
 * #MIN_PASSWORD_LENGTH} characters and a TOTP second factor. The group's IAM role reaches
 * OpenSearch as the user's backend role, which fine-grained access control maps to OpenSearch
 * roles; the IAM roles themselves allow only HTTP methods on {@value Names#SEARCH_DOMAIN}.
 */
public final class StaffIdentity extends Construct {

    public static final int MIN_PASSWORD_LENGTH = 14;

    /** Permission level of a municipality group in OpenSearch Dashboards. */
    public enum StaffRole {
        /** Manages the municipality's dashboards and saved objects. */
        ADMIN(
                "admin",
                10,
                List.of(
                        "es:ESHttpGet",
                        "es:ESHttpHead",
                        "es:ESHttpPost",
                        "es:ESHttpPut",
                        "es:ESHttpPatch",
                        "es:ESHttpDelete")),
        /** Builds visualizations and queries over the municipality's data. */
        ANALYST(
                "analyst",
                20,
                List.of("es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut")),
        /** Reads dashboards. Searches are POST requests, so POST stays allowed. */
        VIEWER("viewer", 30, List.of("es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost"));

        private final String code;
        private final int precedence;
        private final List<String> actions;

        StaffRole(String code, int precedence, List<String> actions) {
            this.code = code;
            this.precedence = precedence;
            this.actions = actions;
        }

        public String code() {
            return code;
        }

        public List<String> actions() {
            return actions;
        }
    }

    private final UserPool userPool;
    private final UserPoolDomain hostedUi;
    private final UserPoolClient appClient;
    private final CfnIdentityPool identityPool;
    private final Role platformAdminRole;
    private final Role noAccessRole;
    private final Map<String, Role> groupRoles = new LinkedHashMap<>();

    /**
     * @param municipalityCodes one group per code and {@link StaffRole}
     * @param dashboardsHostName host name of the Dashboards and the web map, for the app client's
     *     callback URLs
     * @param cognitoDomainPrefix prefix of the hosted UI domain
     */
    public StaffIdentity(
            Construct scope,
            String id,
            List<String> municipalityCodes,
            String dashboardsHostName,
            String cognitoDomainPrefix) {
        super(scope, id);

        userPool =
                UserPool.Builder.create(this, "UserPool")
                        .userPoolName(Names.USER_POOL)
                        .selfSignUpEnabled(false)
                        .signInAliases(SignInAliases.builder().username(true).email(true).build())
                        .signInCaseSensitive(false)
                        .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                        .standardAttributes(
                                StandardAttributes.builder()
                                        .email(
                                                StandardAttribute.builder()
                                                        .required(true)
                                                        .mutable(true)
                                                        .build())
                                        .build())
                        .mfa(Mfa.REQUIRED)
                        .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                        .passwordPolicy(
                                PasswordPolicy.builder()
                                        .minLength(MIN_PASSWORD_LENGTH)
                                        .requireLowercase(true)
                                        .requireUppercase(true)
                                        .requireDigits(true)
                                        .requireSymbols(true)
                                        .tempPasswordValidity(Duration.days(3))
                                        .build())
                        .accountRecovery(AccountRecovery.EMAIL_ONLY)
                        // Threat protection (blocking compromised credentials and risky sign-ins)
                        // needs the Plus plan.
                        .featurePlan(FeaturePlan.PLUS)
                        .standardThreatProtectionMode(StandardThreatProtectionMode.FULL_FUNCTION)
                        .deletionProtection(true)
                        .removalPolicy(RemovalPolicy.RETAIN)
                        .build();

        hostedUi =
                userPool.addDomain(
                        "HostedUi",
                        UserPoolDomainOptions.builder()
                                .cognitoDomain(
                                        CognitoDomainOptions.builder()
                                                .domainPrefix(cognitoDomainPrefix)
                                                .build())
                                .build());

        String dashboardsUrl = "https://" + dashboardsHostName + "/_dashboards/";
        // The web map signs in with this client (authorization code flow with PKCE) and returns
        // to its own page.
        String webMapUrl = "https://" + dashboardsHostName + Names.WEB_MAP_PATH;
        appClient =
                userPool.addClient(
                        "AppClient",
                        UserPoolClientOptions.builder()
                                .userPoolClientName(Names.APP_CLIENT)
                                .generateSecret(false)
                                .authFlows(AuthFlow.builder().userSrp(true).build())
                                .preventUserExistenceErrors(true)
                                .enableTokenRevocation(true)
                                .accessTokenValidity(Duration.hours(1))
                                .idTokenValidity(Duration.hours(1))
                                .refreshTokenValidity(Duration.hours(12))
                                .oAuth(
                                        OAuthSettings.builder()
                                                .flows(
                                                        OAuthFlows.builder()
                                                                .authorizationCodeGrant(true)
                                                                .build())
                                                .scopes(
                                                        List.of(
                                                                OAuthScope.OPENID,
                                                                OAuthScope.EMAIL,
                                                                OAuthScope.PROFILE))
                                                .callbackUrls(List.of(dashboardsUrl, webMapUrl))
                                                .logoutUrls(List.of(dashboardsUrl, webMapUrl))
                                                .build())
                                .build());

        identityPool =
                CfnIdentityPool.Builder.create(this, "IdentityPool")
                        .identityPoolName(Names.IDENTITY_POOL)
                        .allowUnauthenticatedIdentities(false)
                        .allowClassicFlow(false)
                        .cognitoIdentityProviders(
                                List.of(
                                        CfnIdentityPool.CognitoIdentityProviderProperty.builder()
                                                .clientId(appClient.getUserPoolClientId())
                                                .providerName(userPool.getUserPoolProviderName())
                                                .serverSideTokenCheck(true)
                                                .build()))
                        .build();

        platformAdminRole =
                groupRole(
                        "PlatformAdminRole",
                        List.of(
                                "es:ESHttpGet",
                                "es:ESHttpHead",
                                "es:ESHttpPost",
                                "es:ESHttpPut",
                                "es:ESHttpPatch",
                                "es:ESHttpDelete"));
        // The function that writes the municipality roles into OpenSearch signs as the master
        // user, so it may assume this role. The condition names its role by ARN, because that role
        // belongs to the search stack, which is deployed after this one.
        platformAdminRole
                .getAssumeRolePolicy()
                .addStatements(
                        PolicyStatement.Builder.create()
                                .principals(List.of(new AccountRootPrincipal()))
                                .actions(List.of("sts:AssumeRole"))
                                .conditions(
                                        Map.of(
                                                "ArnEquals",
                                                Map.of(
                                                        "aws:PrincipalArn",
                                                        securityConfigRoleArn(this))))
                                .build());
        group(
                Names.PLATFORM_ADMIN_GROUP,
                "Platform administrators: OpenSearch master users",
                0,
                platformAdminRole);

        for (String code : municipalityCodes) {
            for (StaffRole staffRole : StaffRole.values()) {
                String groupName = groupName(code, staffRole);
                Role role = groupRole("Role-" + code + "-" + staffRole.code, staffRole.actions);
                group(
                        groupName,
                        "Municipality " + code + ": " + staffRole.code,
                        staffRole.precedence,
                        role);
                groupRoles.put(groupName, role);
            }
        }

        // Signed-in users without a group get this role, which allows nothing.
        noAccessRole =
                Role.Builder.create(this, "AuthenticatedNoAccessRole")
                        .assumedBy(identityPoolPrincipal())
                        .description("Signed-in staff without a group: no permissions")
                        .build();
        // NOTE: OpenSearch adds its own app client when it enables Cognito sign-in. Its
        // Token mapping is set after the deploy (docs/deploy.md) because its id is unknown
        // here, and an update of this attachment removes it again.
        CfnIdentityPoolRoleAttachment.Builder.create(this, "IdentityPoolRoles")
                .identityPoolId(identityPool.getRef())
                .roles(Map.of("authenticated", noAccessRole.getRoleArn()))
                .roleMappings(
                        Map.of(
                                "appClient",
                                CfnIdentityPoolRoleAttachment.RoleMappingProperty.builder()
                                        .type("Token")
                                        .ambiguousRoleResolution("Deny")
                                        .identityProvider(
                                                userPool.getUserPoolProviderName()
                                                        + ":"
                                                        + appClient.getUserPoolClientId())
                                        .build()))
                .build();
    }

    /** Returns the Cognito group name of one municipality and role, e.g. {@code 131016-viewer}. */
    public static String groupName(String municipalityCode, StaffRole role) {
        return municipalityCode + "-" + role.code;
    }

    private void group(String name, String description, int precedence, IRole role) {
        CfnUserPoolGroup.Builder.create(this, "Group-" + name)
                .userPoolId(userPool.getUserPoolId())
                .groupName(name)
                .description(description)
                .precedence(precedence)
                .roleArn(role.getRoleArn())
                .build();
    }

    private Role groupRole(String id, List<String> actions) {
        Role role =
                Role.Builder.create(this, id)
                        .assumedBy(identityPoolPrincipal())
                        .description("Cognito group role for OpenSearch Dashboards")
                        .build();
        role.addToPolicy(
                PolicyStatement.Builder.create()
                        .actions(actions)
                        .resources(List.of(searchDomainArn(this) + "/*"))
                        .build());
        return role;
    }

    private FederatedPrincipal identityPoolPrincipal() {
        return new FederatedPrincipal(
                "cognito-identity.amazonaws.com",
                Map.of(
                        "StringEquals",
                        Map.of("cognito-identity.amazonaws.com:aud", identityPool.getRef()),
                        "ForAnyValue:StringLike",
                        Map.of("cognito-identity.amazonaws.com:amr", "authenticated")),
                "sts:AssumeRoleWithWebIdentity");
    }

    /**
     * Returns the ARN of the role {@value Names#SECURITY_CONFIG_ROLE}, built from its fixed name.
     */
    public static String securityConfigRoleArn(Construct scope) {
        return Stack.of(scope)
                .formatArn(
                        ArnComponents.builder()
                                .service("iam")
                                .region("")
                                .resource("role")
                                .resourceName(Names.SECURITY_CONFIG_ROLE)
                                .build());
    }

    /** Returns the ARN of {@value Names#SEARCH_DOMAIN}, built from its fixed name. */
    public static String searchDomainArn(Construct scope) {
        return Stack.of(scope)
                .formatArn(
                        ArnComponents.builder()
                                .service("es")
                                .resource("domain")
                                .resourceName(Names.SEARCH_DOMAIN)
                                .build());
    }

    public UserPool userPool() {
        return userPool;
    }

    /** Returns the hosted UI base URL, {@code https://<prefix>.auth.<region>.amazoncognito.com}. */
    public String hostedUiBaseUrl() {
        return hostedUi.baseUrl();
    }

    public UserPoolClient appClient() {
        return appClient;
    }

    public CfnIdentityPool identityPool() {
        return identityPool;
    }

    /** Role of the {@value Names#PLATFORM_ADMIN_GROUP} group, the OpenSearch master user. */
    public IRole platformAdminRole() {
        return platformAdminRole;
    }

    /** Roles of the municipality groups, by group name. */
    public Map<String, Role> groupRoles() {
        return groupRoles;
    }

    /**
     * Returns every role the identity pool hands out: the group roles, the platform administrators'
     * first, and the no-access role of users without a group.
     */
    public List<IRole> identityPoolRoles() {
        List<IRole> roles = new ArrayList<>();
        roles.add(platformAdminRole);
        roles.addAll(groupRoles.values());
        roles.add(noAccessRole);
        return roles;
    }
}
