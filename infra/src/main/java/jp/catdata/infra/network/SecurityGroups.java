package jp.catdata.infra.network;

import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.constructs.Construct;

/**
 * Every security group of the system and every inbound rule, kept in one construct so the complete
 * set can be reviewed in one file.
 *
 * <p>All groups allow all outbound traffic and no inbound traffic except the rules added here.
 * Apart from the load balancer's listeners, every inbound rule names a source security group:
 *
 * <ul>
 *   <li>the internet to the load balancer on 80 and 443 (port 80 only redirects to 443);
 *   <li>the load balancer to the proxy on {@value #PROXY_PORT};
 *   <li>the Flink application, the proxy and the security configuration function to OpenSearch on
 *       443;
 *   <li>the Flink application, the proxy and the security configuration function to the interface
 *       endpoints on 443.
 * </ul>
 */
public final class SecurityGroups extends Construct {

    /** HTTPS port of the reverse proxy, behind the load balancer. */
    public static final int PROXY_PORT = 443;

    private final SecurityGroup loadBalancer;
    private final SecurityGroup proxy;
    private final SecurityGroup flinkApplication;
    private final SecurityGroup securityConfig;
    private final SecurityGroup search;
    private final SecurityGroup endpoints;

    public SecurityGroups(Construct scope, String id, IVpc vpc) {
        super(scope, id);
        loadBalancer = group("LoadBalancer", vpc, "Dashboards load balancer: HTTPS and HTTP in");
        proxy = group("Proxy", vpc, "Dashboards reverse proxy: HTTPS from the load balancer");
        flinkApplication = group("FlinkApplication", vpc, "Flink application: no inbound");
        securityConfig =
                group("SecurityConfig", vpc, "OpenSearch security configuration: no inbound");
        search = group("Search", vpc, "OpenSearch domain: HTTPS from Flink and the proxy");
        endpoints = group("Endpoints", vpc, "Interface VPC endpoints: HTTPS from Flink and proxy");

        loadBalancer.addIngressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS from the internet");
        loadBalancer.addIngressRule(
                Peer.anyIpv4(), Port.tcp(80), "HTTP from the internet, redirected to HTTPS");

        proxy.addIngressRule(loadBalancer, Port.tcp(PROXY_PORT), "Load balancer to the proxy");

        search.addIngressRule(flinkApplication, Port.tcp(443), "Flink application to OpenSearch");
        search.addIngressRule(proxy, Port.tcp(443), "Proxy to OpenSearch Dashboards");
        search.addIngressRule(
                securityConfig, Port.tcp(443), "Security configuration to the security API");

        endpoints.addIngressRule(flinkApplication, Port.tcp(443), "Flink application to AWS APIs");
        endpoints.addIngressRule(proxy, Port.tcp(443), "Proxy hosts to AWS APIs");
        endpoints.addIngressRule(securityConfig, Port.tcp(443), "Security configuration to STS");
    }

    private SecurityGroup group(String id, IVpc vpc, String description) {
        return SecurityGroup.Builder.create(this, id)
                .vpc(vpc)
                .description(description)
                .allowAllOutbound(true)
                .build();
    }

    public SecurityGroup loadBalancer() {
        return loadBalancer;
    }

    public SecurityGroup proxy() {
        return proxy;
    }

    public SecurityGroup flinkApplication() {
        return flinkApplication;
    }

    /** Group of the function that writes the OpenSearch roles and role mappings. */
    public SecurityGroup securityConfig() {
        return securityConfig;
    }

    public SecurityGroup search() {
        return search;
    }

    public SecurityGroup endpoints() {
        return endpoints;
    }
}
