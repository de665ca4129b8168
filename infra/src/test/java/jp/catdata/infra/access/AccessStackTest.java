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
        String userData =
                String.join(
                        "\n",
                        DashboardsProxy.userData("vpc-cat-search-domain.example", TestApp.HOST_NAME)
                                .render()
                                .lines()
                                .toList());

        assertThat(userData).contains("set $search_domain vpc-cat-search-domain.example;");
        assertThat(userData).contains("proxy_pass https://$search_domain;");
        assertThat(userData).contains("resolver 10.0.0.2 valid=30s;");
        assertThat(userData).contains("proxy_ssl_name " + TestApp.HOST_NAME + ";");
        assertThat(userData).contains("proxy_ssl_verify on;");
        assertThat(userData).contains("listen 443 ssl;");
        assertThat(userData).contains("location = /healthz");
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
