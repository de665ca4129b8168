package jp.catdata.infra.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.catdata.infra.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.ISecurityGroup;

class NetworkStackTest {

    private static NetworkStack stack;
    private static Template template;

    @BeforeAll
    static void synth() {
        stack = TestApp.stacks().network();
        template = TestApp.template(stack);
    }

    @Test
    void vpcCidr() {
        template.resourceCountIs("AWS::EC2::VPC", 1);
        template.hasResourceProperties(
                "AWS::EC2::VPC",
                Map.of(
                        "CidrBlock", "10.0.0.0/16",
                        "EnableDnsHostnames", true,
                        "EnableDnsSupport", true));
    }

    @Test
    void fourSubnetsInTwoZones() {
        Map<String, Map<String, Object>> subnets = template.findResources("AWS::EC2::Subnet");
        Set<Object> zones = new HashSet<>();
        subnets.values().forEach(subnet -> zones.add(properties(subnet).get("AvailabilityZone")));

        assertThat(subnets).hasSize(4);
        assertThat(zones).containsExactlyInAnyOrder("ap-northeast-1a", "ap-northeast-1c");
    }

    @Test
    void publicSubnetCidrs() {
        assertThat(subnetCidrs(true)).containsExactlyInAnyOrder("10.0.1.0/24", "10.0.2.0/24");
    }

    @Test
    void privateSubnetCidrs() {
        assertThat(subnetCidrs(false)).containsExactlyInAnyOrder("10.0.10.0/24", "10.0.20.0/24");
    }

    @Test
    void privateSubnetsHaveNoInternetRoute() {
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
        // Only the two public route tables route 0.0.0.0/0, to the internet gateway.
        Map<String, Map<String, Object>> routes =
                template.findResources(
                        "AWS::EC2::Route",
                        Map.of("Properties", Map.of("DestinationCidrBlock", "0.0.0.0/0")));
        assertThat(routes).hasSize(2);
        routes.values().forEach(route -> assertThat(properties(route)).containsKey("GatewayId"));
    }

    @Test
    void defaultSecurityGroupRestricted() {
        template.resourceCountIs("Custom::VpcRestrictDefaultSG", 1);
    }

    @Test
    void flowLogsCaptureAllTraffic() {
        template.hasResourceProperties(
                "AWS::EC2::FlowLog",
                Map.of("TrafficType", "ALL", "LogDestinationType", "cloud-watch-logs"));
    }

    @Test
    void securityGroupsAllowAllOutbound() {
        Map<String, Map<String, Object>> groups = template.findResources("AWS::EC2::SecurityGroup");

        assertThat(groups).hasSize(6);
        for (Map<String, Object> group : groups.values()) {
            assertThat(properties(group).get("SecurityGroupEgress"))
                    .isEqualTo(
                            List.of(
                                    Map.of(
                                            "CidrIp", "0.0.0.0/0",
                                            "Description", "Allow all outbound traffic by default",
                                            "IpProtocol", "-1")));
        }
    }

    @Test
    void onlyLoadBalancerOpenToInternet() {
        Map<String, Map<String, Object>> groups = template.findResources("AWS::EC2::SecurityGroup");
        String loadBalancer = logicalId(stack.securityGroups().loadBalancer());

        for (Map.Entry<String, Map<String, Object>> group : groups.entrySet()) {
            Object inline = properties(group.getValue()).get("SecurityGroupIngress");
            if (group.getKey().equals(loadBalancer)) {
                assertThat(inline)
                        .isEqualTo(
                                List.of(
                                        cidrRule(443, "HTTPS from the internet"),
                                        cidrRule(
                                                80,
                                                "HTTP from the internet, redirected to HTTPS")));
            } else {
                assertThat(inline).as("inline ingress of %s", group.getKey()).isNull();
            }
        }
    }

    @Test
    void sourceGroupRulesAreTheOnlyOthers() {
        SecurityGroups groups = stack.securityGroups();
        List<String> expected =
                List.of(
                        rule(groups.loadBalancer(), groups.proxy(), SecurityGroups.PROXY_PORT),
                        rule(groups.flinkApplication(), groups.search(), 443),
                        rule(groups.proxy(), groups.search(), 443),
                        rule(groups.flinkApplication(), groups.endpoints(), 443),
                        rule(groups.proxy(), groups.endpoints(), 443),
                        rule(groups.securityConfig(), groups.search(), 443),
                        rule(groups.securityConfig(), groups.endpoints(), 443));

        List<String> actual = new ArrayList<>();
        for (Map<String, Object> ingress :
                template.findResources("AWS::EC2::SecurityGroupIngress").values()) {
            Map<String, Object> p = properties(ingress);
            assertThat(p).doesNotContainKeys("CidrIp", "CidrIpv6");
            actual.add(
                    getAttId(p.get("SourceSecurityGroupId"))
                            + " -> "
                            + getAttId(p.get("GroupId"))
                            + " tcp "
                            + p.get("FromPort")
                            + "-"
                            + p.get("ToPort"));
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void publicAclAllowsWebAndEphemeralInbound() {
        template.resourceCountIs("AWS::EC2::NetworkAcl", 1);
        template.resourceCountIs("AWS::EC2::SubnetNetworkAclAssociation", 2);
        aclEntry(false, 100, 80, 80);
        aclEntry(false, 110, 443, 443);
        aclEntry(false, 120, 1024, 65535);
    }

    @Test
    void publicAclAllowsAllOutbound() {
        template.hasResourceProperties(
                "AWS::EC2::NetworkAclEntry",
                Map.of(
                        "Egress",
                        true,
                        "RuleNumber",
                        100,
                        "Protocol",
                        -1,
                        "RuleAction",
                        "allow",
                        "CidrBlock",
                        "0.0.0.0/0"));
        template.resourceCountIs("AWS::EC2::NetworkAclEntry", 4);
    }

    @Test
    void publicSubnetsAssignNoPublicIps() {
        subnets(true)
                .values()
                .forEach(
                        subnet ->
                                assertThat(properties(subnet).get("MapPublicIpOnLaunch"))
                                        .isEqualTo(false));
    }

    @Test
    void publicAclCoversPublicSubnetsOnly() {
        Set<String> publicSubnets = subnets(true).keySet();
        Set<Object> associated = new HashSet<>();
        template.findResources("AWS::EC2::SubnetNetworkAclAssociation")
                .values()
                .forEach(a -> associated.add(refId(properties(a).get("SubnetId"))));

        assertThat(associated).isEqualTo(publicSubnets);
    }

    @Test
    void s3GatewayEndpoint() {
        template.hasResourceProperties(
                "AWS::EC2::VPCEndpoint",
                Map.of(
                        "VpcEndpointType",
                        "Gateway",
                        "ServiceName",
                        Map.of(
                                "Fn::Join",
                                List.of(
                                        "",
                                        List.of(
                                                "com.amazonaws.",
                                                Map.of("Ref", "AWS::Region"),
                                                ".s3")))));
    }

    @Test
    void interfaceEndpointsClosedToVpc() {
        Map<String, Map<String, Object>> endpoints =
                template.findResources(
                        "AWS::EC2::VPCEndpoint",
                        Map.of("Properties", Map.of("VpcEndpointType", "Interface")));
        List<String> services = new ArrayList<>();
        for (Map<String, Object> endpoint : endpoints.values()) {
            Map<String, Object> p = properties(endpoint);
            String service = String.valueOf(p.get("ServiceName"));
            services.add(service.substring(service.lastIndexOf('.') + 1));
            assertThat(p.get("PrivateDnsEnabled")).isEqualTo(true);
            assertThat((List<?>) p.get("SecurityGroupIds"))
                    .extracting(NetworkStackTest::getAttId)
                    .containsExactly(logicalId(stack.securityGroups().endpoints()));
        }

        assertThat(services)
                .containsExactlyInAnyOrder(
                        "kinesis-streams",
                        "logs",
                        "monitoring",
                        "ssm",
                        "ssmmessages",
                        "ec2messages",
                        "sts");
    }

    private List<Object> subnetCidrs(boolean isPublic) {
        List<Object> cidrs = new ArrayList<>();
        subnets(isPublic)
                .values()
                .forEach(subnet -> cidrs.add(properties(subnet).get("CidrBlock")));
        return cidrs;
    }

    /** Returns the subnets by the type tag the VPC construct gives them. */
    private static Map<String, Map<String, Object>> subnets(boolean isPublic) {
        return template.findResources(
                "AWS::EC2::Subnet",
                Map.of(
                        "Properties",
                        Map.of(
                                "Tags",
                                Match.arrayWith(
                                        List.of(
                                                Map.of(
                                                        "Key",
                                                        "aws-cdk:subnet-type",
                                                        "Value",
                                                        isPublic ? "Public" : "Isolated"))))));
    }

    private void aclEntry(boolean egress, int ruleNumber, int from, int to) {
        template.hasResourceProperties(
                "AWS::EC2::NetworkAclEntry",
                Map.of(
                        "Egress",
                        egress,
                        "RuleNumber",
                        ruleNumber,
                        "Protocol",
                        6,
                        "RuleAction",
                        "allow",
                        "CidrBlock",
                        "0.0.0.0/0",
                        "PortRange",
                        Map.of("From", from, "To", to)));
    }

    private static Map<String, Object> cidrRule(int port, String description) {
        return Map.of(
                "CidrIp", "0.0.0.0/0",
                "Description", description,
                "FromPort", port,
                "IpProtocol", "tcp",
                "ToPort", port);
    }

    private static String rule(ISecurityGroup source, ISecurityGroup target, int port) {
        return logicalId(source) + " -> " + logicalId(target) + " tcp " + port + "-" + port;
    }

    private static String logicalId(ISecurityGroup group) {
        return stack.getLogicalId((CfnElement) group.getNode().getDefaultChild());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static Object getAttId(Object getAtt) {
        return ((List<Object>) ((Map<String, Object>) getAtt).get("Fn::GetAtt")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Object refId(Object ref) {
        return ((Map<String, Object>) ref).get("Ref");
    }
}
