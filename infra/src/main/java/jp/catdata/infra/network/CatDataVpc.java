package jp.catdata.infra.network;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.AclCidr;
import software.amazon.awscdk.services.ec2.AclTraffic;
import software.amazon.awscdk.services.ec2.Action;
import software.amazon.awscdk.services.ec2.CommonNetworkAclEntryOptions;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.NetworkAcl;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.TrafficDirection;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The VPC: two availability zones, a public and a private subnet in each, no NAT gateway.
 *
 * <p>Private subnets are isolated (no route to the internet). The services in them reach AWS APIs
 * through VPC endpoints: a gateway endpoint for S3, which is free, and interface endpoints for
 * Kinesis Data Streams, CloudWatch Logs, CloudWatch metrics, Systems Manager (three) and STS.
 *
 * <p>Cost choice: at an estimated 0.014 USD per endpoint-hour and zone, the seven interface
 * endpoints cost about 60 % more per month than two NAT gateways (one per zone, for the same
 * availability), but about a sixth as much per GB processed, so they are cheaper above roughly
 * 1,000 GB a month. They also keep the traffic on the AWS network and leave the private subnets
 * without any path to the internet, which decides it. {@code docs/deploy.md} has the estimate.
 */
public final class CatDataVpc extends Construct {

    public static final String VPC_CIDR = "10.0.0.0/16";
    public static final List<String> PUBLIC_SUBNET_CIDRS = List.of("10.0.1.0/24", "10.0.2.0/24");
    public static final List<String> PRIVATE_SUBNET_CIDRS = List.of("10.0.10.0/24", "10.0.20.0/24");

    /** The VPC's Amazon DNS server: the base of the VPC CIDR plus two. */
    public static final String DNS_RESOLVER = "10.0.0.2";

    /** Port range that Linux, Windows and the load balancer pick source ports from. */
    public static final int EPHEMERAL_PORT_FROM = 1024;

    public static final int EPHEMERAL_PORT_TO = 65535;

    /** Interface endpoints, by construct id. */
    static final Map<String, InterfaceVpcEndpointAwsService> INTERFACE_ENDPOINTS =
            interfaceEndpoints();

    private final Vpc vpc;
    private NetworkAcl publicAcl;

    private static Map<String, InterfaceVpcEndpointAwsService> interfaceEndpoints() {
        // Kinesis serves the Flink source. Logs and metrics serve the job and the proxy hosts.
        // The three Systems Manager endpoints give Session Manager access to the proxy hosts.
        // STS lets the function that configures OpenSearch security assume the master user's role.
        Map<String, InterfaceVpcEndpointAwsService> endpoints = new LinkedHashMap<>();
        endpoints.put("KinesisStreams", InterfaceVpcEndpointAwsService.KINESIS_STREAMS);
        endpoints.put("CloudWatchLogs", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS);
        endpoints.put("CloudWatchMonitoring", InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING);
        endpoints.put("Ssm", InterfaceVpcEndpointAwsService.SSM);
        endpoints.put("SsmMessages", InterfaceVpcEndpointAwsService.SSM_MESSAGES);
        endpoints.put("Ec2Messages", InterfaceVpcEndpointAwsService.EC2_MESSAGES);
        endpoints.put("Sts", InterfaceVpcEndpointAwsService.STS);
        return Collections.unmodifiableMap(endpoints);
    }

    public CatDataVpc(Construct scope, String id) {
        super(scope, id);

        LogGroup flowLogs =
                LogGroup.Builder.create(this, "FlowLogs")
                        .retention(RetentionDays.THREE_MONTHS)
                        .removalPolicy(RemovalPolicy.RETAIN)
                        .build();

        vpc =
                Vpc.Builder.create(this, "Vpc")
                        .ipAddresses(
                                new FixedSubnetCidrs(
                                        VPC_CIDR,
                                        Map.of(
                                                SubnetType.PUBLIC, PUBLIC_SUBNET_CIDRS,
                                                SubnetType.PRIVATE_ISOLATED, PRIVATE_SUBNET_CIDRS)))
                        .maxAzs(2)
                        .natGateways(0)
                        .subnetConfiguration(
                                List.of(
                                        SubnetConfiguration.builder()
                                                .name("public")
                                                .subnetType(SubnetType.PUBLIC)
                                                .cidrMask(24)
                                                .mapPublicIpOnLaunch(false)
                                                .build(),
                                        SubnetConfiguration.builder()
                                                .name("private")
                                                .subnetType(SubnetType.PRIVATE_ISOLATED)
                                                .cidrMask(24)
                                                .build()))
                        .enableDnsHostnames(true)
                        .enableDnsSupport(true)
                        // Removes the default security group's rules, so nothing can use it to
                        // talk inside the VPC by accident.
                        .restrictDefaultSecurityGroup(true)
                        .gatewayEndpoints(
                                Map.of(
                                        "S3",
                                        GatewayVpcEndpointOptions.builder()
                                                .service(GatewayVpcEndpointAwsService.S3)
                                                .subnets(List.of(privateSubnets()))
                                                .build()))
                        .flowLogs(
                                Map.of(
                                        "All",
                                        FlowLogOptions.builder()
                                                .destination(
                                                        FlowLogDestination.toCloudWatchLogs(
                                                                flowLogs))
                                                .trafficType(FlowLogTrafficType.ALL)
                                                .build()))
                        .build();

        addPublicNetworkAcl();
    }

    /**
     * Adds interface endpoints for the AWS APIs the private subnets need, reachable only from the
     * given endpoint security group.
     */
    public void addInterfaceEndpoints(ISecurityGroup endpointSecurityGroup) {
        INTERFACE_ENDPOINTS.forEach(
                (id, service) ->
                        vpc.addInterfaceEndpoint(
                                id,
                                InterfaceVpcEndpointOptions.builder()
                                        .service(service)
                                        .subnets(privateSubnets())
                                        .securityGroups(List.of(endpointSecurityGroup))
                                        // open(true) would allow the whole VPC CIDR in.
                                        .open(false)
                                        .privateDnsEnabled(true)
                                        .build()));
    }

    public Vpc vpc() {
        return vpc;
    }

    public NetworkAcl publicAcl() {
        return publicAcl;
    }

    public static SubnetSelection privateSubnets() {
        return SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
    }

    public static SubnetSelection publicSubnets() {
        return SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build();
    }

    /**
     * Limits the public subnets to web traffic. A network ACL is stateless, so replies to
     * connections that start inside, such as the load balancer's to its targets, need the ephemeral
     * ports open inbound. Without that rule those replies are dropped.
     */
    private void addPublicNetworkAcl() {
        NetworkAcl acl =
                NetworkAcl.Builder.create(this, "PublicAcl")
                        .vpc(vpc)
                        .subnetSelection(publicSubnets())
                        .build();
        acl.addEntry("InboundHttp", ingress(100, AclTraffic.tcpPort(80)));
        acl.addEntry("InboundHttps", ingress(110, AclTraffic.tcpPort(443)));
        acl.addEntry(
                "InboundEphemeral",
                ingress(120, AclTraffic.tcpPortRange(EPHEMERAL_PORT_FROM, EPHEMERAL_PORT_TO)));
        publicAcl = acl;
        acl.addEntry(
                "OutboundAll",
                CommonNetworkAclEntryOptions.builder()
                        .ruleNumber(100)
                        .cidr(AclCidr.anyIpv4())
                        .traffic(AclTraffic.allTraffic())
                        .direction(TrafficDirection.EGRESS)
                        .ruleAction(Action.ALLOW)
                        .build());
    }

    private static CommonNetworkAclEntryOptions ingress(int ruleNumber, AclTraffic traffic) {
        return CommonNetworkAclEntryOptions.builder()
                .ruleNumber(ruleNumber)
                .cidr(AclCidr.anyIpv4())
                .traffic(traffic)
                .direction(TrafficDirection.INGRESS)
                .ruleAction(Action.ALLOW)
                .build();
    }
}
