package jp.catdata.infra.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import jp.catdata.infra.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class AccessStackTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = TestApp.template(TestApp.stacks().access());
    }

    @Test
    void loadBalancerInternetFacingInPublicSubnets() {
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 1);
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::LoadBalancer",
                Map.of(
                        "Scheme",
                        "internet-facing",
                        "Type",
                        "application",
                        "Subnets",
                        List.of(
                                output("NetworkVpcpublicSubnet1"),
                                output("NetworkVpcpublicSubnet2")),
                        "SecurityGroups",
                        List.of(output("SecurityGroupsLoadBalancer"))));
    }

    @Test
    void loadBalancerLogsAndDropsInvalidHeaders() {
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::LoadBalancer",
                Map.of(
                        "LoadBalancerAttributes",
                        Match.arrayWith(
                                List.of(
                                        Map.of(
                                                "Key",
                                                "routing.http.drop_invalid_header_fields.enabled",
                                                "Value",
                                                "true"),
                                        Map.of("Key", "access_logs.s3.enabled", "Value", "true"),
                                        Map.of(
                                                "Key",
                                                "access_logs.s3.bucket",
                                                "Value",
                                                output("StorageLogBucket"))))));
    }

    @Test
    void httpRedirectsToHttps() {
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::Listener",
                Map.of(
                        "Port",
                        80,
                        "Protocol",
                        "HTTP",
                        "DefaultActions",
                        List.of(
                                Map.of(
                                        "Type",
                                        "redirect",
                                        "RedirectConfig",
                                        Map.of(
                                                "Port", "443",
                                                "Protocol", "HTTPS",
                                                "StatusCode", "HTTP_301")))));
    }

    @Test
    void httpsWithCertificateFromContext() {
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 2);
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::Listener",
                Map.of(
                        "Port",
                        443,
                        "Protocol",
                        "HTTPS",
                        "SslPolicy",
                        "ELBSecurityPolicy-TLS13-1-2-2021-06",
                        "Certificates",
                        List.of(Map.of("CertificateArn", TestApp.CERTIFICATE_ARN))));
    }

    @Test
    void hostNameForwardsToProxy() {
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::ListenerRule",
                Map.of(
                        "Conditions",
                        List.of(
                                Map.of(
                                        "Field",
                                        "host-header",
                                        "HostHeaderConfig",
                                        Map.of("Values", List.of(TestApp.HOST_NAME)))),
                        "Actions",
                        List.of(Match.objectLike(Map.of("Type", "forward")))));
    }

    @Test
    void proxyTargetsOverHttps() {
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::TargetGroup",
                Map.of(
                        "Port", 443,
                        "Protocol", "HTTPS",
                        "HealthCheckProtocol", "HTTPS",
                        "HealthCheckPath", "/healthz"));
    }

    @Test
    void proxyGroupAcrossPrivateSubnets() {
        template.hasResourceProperties(
                "AWS::AutoScaling::AutoScalingGroup",
                Map.of(
                        "AutoScalingGroupName", "cat-data-dashboards-proxy",
                        "MinSize", "2",
                        "MaxSize", "4",
                        "HealthCheckType", "ELB",
                        "VPCZoneIdentifier",
                                List.of(
                                        output("NetworkVpcprivateSubnet1"),
                                        output("NetworkVpcprivateSubnet2"))));
    }

    @Test
    void proxyHostsHardened() {
        template.hasResourceProperties(
                "AWS::EC2::LaunchTemplate",
                Map.of(
                        "LaunchTemplateData",
                        Match.objectLike(
                                Map.of(
                                        "MetadataOptions", Map.of("HttpTokens", "required"),
                                        "SecurityGroupIds", List.of(output("SecurityGroupsProxy")),
                                        "BlockDeviceMappings",
                                                List.of(
                                                        Match.objectLike(
                                                                Map.of(
                                                                        "Ebs",
                                                                        Match.objectLike(
                                                                                Map.of(
                                                                                        "Encrypted",
                                                                                        true)))))))));
    }

    @Test
    void proxyForwardsToDomainWithHostName() {
        String commands = String.join("\n", siteCommands());

        assertThat(commands).contains("set $search_domain vpc-cat-search-domain.example;");
        assertThat(commands).contains("proxy_pass https://$search_domain;");
        assertThat(commands).contains("resolver 10.0.0.2 valid=30s;");
        assertThat(commands).contains("proxy_ssl_name " + TestApp.HOST_NAME + ";");
        assertThat(commands).contains("proxy_ssl_verify on;");
        assertThat(commands).contains("listen 443 ssl;");
        assertThat(commands).contains("location = /healthz");
    }

    @Test
    void proxyServesWebMapWithConfig() {
        List<String> commands = siteCommands();
        String joined = String.join("\n", commands);

        assertThat(joined).contains("unzip -q -o /tmp/map.zip -d /usr/share/nginx/cat-data-map");
        assertThat(joined).contains("location /map/ {");
        assertThat(joined).contains("alias /usr/share/nginx/cat-data-map/;");
        assertThat(joined).contains("location = /map { return 301 /map/; }");
        int configStart =
                commands.indexOf("cat > /usr/share/nginx/cat-data-map/config.json <<'JSON'");
        assertThat(configStart).isNotNegative();
        assertThat(commands.get(configStart + 1)).isEqualTo("{\"auth\":\"test\"}");
        assertThat(commands.get(configStart + 2)).isEqualTo("JSON");
    }

    @Test
    void proxyForwardsOnlyJobIndexSearches() {
        String joined = String.join("\n", siteCommands());

        assertThat(joined).contains("location /api/search/ {");
        assertThat(joined).contains("limit_except POST { deny all; }");
        assertThat(joined)
                .contains(
                        "rewrite \"^/api/search/(cat-data-[a-z0-9*][a-z0-9._*-]*)$\""
                                + " /$1/_search? break;");
    }

    @Test
    void webMapPolicyAllowsSignInHosts() {
        String policy =
                DashboardsProxy.contentSecurityPolicy(
                        "ap-northeast-1", "https://staff.auth.ap-northeast-1.amazoncognito.com");

        assertThat(policy).contains("script-src 'self';");
        assertThat(policy)
                .contains(
                        "connect-src 'self' https://staff.auth.ap-northeast-1.amazoncognito.com"
                                + " https://cognito-identity.ap-northeast-1.amazonaws.com;");
        assertThat(policy).contains("frame-ancestors 'none'");
    }

    @Test
    void proxyGroupReplacedOneAtATime() {
        template.hasResource(
                "AWS::AutoScaling::AutoScalingGroup",
                Map.of(
                        "UpdatePolicy",
                        Map.of(
                                "AutoScalingRollingUpdate",
                                Map.of(
                                        "MaxBatchSize", 1,
                                        "MinInstancesInService", 1,
                                        "PauseTime", "PT5M"))));
    }

    @Test
    void proxyDownloadsWebMapAsset() {
        String userData =
                template.findResources("AWS::EC2::LaunchTemplate")
                        .values()
                        .iterator()
                        .next()
                        .toString();

        assertThat(userData).contains("aws s3 cp");
        assertThat(userData).contains("/tmp/cat-data-map.zip");
        assertThat(userData).contains("\"indexPrefix\":\"cat-data\"");
        assertThat(userData).contains("\"searchSigning\":\"sigv4\"");
        assertThat(userData).contains("\"redirectUri\":\"https://" + TestApp.HOST_NAME + "/map/\"");
    }

    private static List<String> siteCommands() {
        return DashboardsProxy.siteCommands(
                "vpc-cat-search-domain.example",
                TestApp.HOST_NAME,
                "/tmp/map.zip",
                "{\"auth\":\"test\"}",
                "default-src 'self'");
    }

    @Test
    void wafWithRateLimitAndManagedRules() {
        template.hasResourceProperties(
                "AWS::WAFv2::WebACL",
                Map.of(
                        "Name",
                        "cat-data-dashboards",
                        "Scope",
                        "REGIONAL",
                        "DefaultAction",
                        Map.of("Allow", Map.of()),
                        "Rules",
                        Match.arrayWith(
                                List.of(
                                        Match.objectLike(
                                                Map.of(
                                                        "Name",
                                                        "rate-limit-per-ip",
                                                        "Priority",
                                                        0,
                                                        "Action",
                                                        Map.of("Block", Map.of()),
                                                        "Statement",
                                                        Map.of(
                                                                "RateBasedStatement",
                                                                Map.of(
                                                                        "Limit", 2000,
                                                                        "AggregateKeyType", "IP",
                                                                        "EvaluationWindowSec",
                                                                                300))))))));
        for (String group :
                List.of(
                        "AWSManagedRulesAmazonIpReputationList",
                        "AWSManagedRulesCommonRuleSet",
                        "AWSManagedRulesKnownBadInputsRuleSet")) {
            template.hasResourceProperties(
                    "AWS::WAFv2::WebACL",
                    Map.of(
                            "Rules",
                            Match.arrayWith(
                                    List.of(
                                            Match.objectLike(
                                                    Map.of(
                                                            "Name",
                                                            group,
                                                            "OverrideAction",
                                                            Map.of("None", Map.of()),
                                                            "Statement",
                                                            Map.of(
                                                                    "ManagedRuleGroupStatement",
                                                                    Match.objectLike(
                                                                            Map.of(
                                                                                    "VendorName",
                                                                                    "AWS",
                                                                                    "Name",
                                                                                    group)))))))));
        }
    }

    @Test
    void wafOnLoadBalancer() {
        template.hasResourceProperties(
                "AWS::WAFv2::WebACLAssociation",
                Map.of(
                        "ResourceArn", Map.of("Ref", Match.stringLikeRegexp("LoadBalancer.*")),
                        "WebACLArn", Map.of("Fn::GetAtt", List.of(Match.anyValue(), "Arn"))));
    }

    @Test
    void noSecurityGroupChangesHere() {
        // Every rule lives in the network stack, where the test of the whole set runs.
        template.resourceCountIs("AWS::EC2::SecurityGroup", 0);
        template.resourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
        template.resourceCountIs("AWS::EC2::SecurityGroupEgress", 0);
    }

    private static Object output(String logicalIdPart) {
        return Map.of(
                "Fn::GetStackOutput",
                Match.objectLike(
                        Map.of("OutputName", Match.stringLikeRegexp(".*" + logicalIdPart + ".*"))));
    }
}
