package jp.catdata.infra.access;

import java.util.List;
import jp.catdata.infra.network.CatDataVpc;
import jp.catdata.infra.network.SecurityGroups;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationActionProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.Protocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.RedirectOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * Access path of staff to OpenSearch Dashboards and the web map: an internet-facing Application
 * Load Balancer in the public subnets behind AWS WAF, and the reverse proxy group in the private
 * subnets.
 *
 * <p>Port 80 only redirects to 443. On 443 the load balancer serves the certificate from context,
 * forwards requests for the Dashboards host name to the proxy and returns 404 for any other host.
 */
public final class AccessStack extends Stack {

    public static final String ACCESS_LOG_PREFIX = "alb";

    private final ApplicationLoadBalancer loadBalancer;
    private final ApplicationTargetGroup targetGroup;
    private final DashboardsProxy proxy;

    public AccessStack(
            Construct scope,
            String id,
            StackProps props,
            IVpc vpc,
            SecurityGroups securityGroups,
            String domainEndpoint,
            IBucket logBucket,
            String certificateArn,
            String dashboardsHostName,
            WebMapSite webMap) {
        super(scope, id, props);

        proxy =
                new DashboardsProxy(
                        this,
                        "Proxy",
                        vpc,
                        securityGroups.proxy(),
                        domainEndpoint,
                        dashboardsHostName,
                        webMap);

        loadBalancer =
                ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                        .vpc(vpc)
                        .vpcSubnets(CatDataVpc.publicSubnets())
                        .internetFacing(true)
                        .securityGroup(securityGroups.loadBalancer())
                        .dropInvalidHeaderFields(true)
                        .build();
        loadBalancer.logAccessLogs(logBucket, ACCESS_LOG_PREFIX);

        // open(false): the load balancer's security group already admits 80 and 443.
        loadBalancer.addListener(
                "Http",
                BaseApplicationListenerProps.builder()
                        .port(80)
                        .protocol(ApplicationProtocol.HTTP)
                        .open(false)
                        .defaultAction(
                                ListenerAction.redirect(
                                        RedirectOptions.builder()
                                                .protocol("HTTPS")
                                                .port("443")
                                                .permanent(true)
                                                .build()))
                        .build());

        ApplicationListener https =
                loadBalancer.addListener(
                        "Https",
                        BaseApplicationListenerProps.builder()
                                .port(443)
                                .protocol(ApplicationProtocol.HTTPS)
                                .open(false)
                                .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                                .certificates(List.of(ListenerCertificate.fromArn(certificateArn)))
                                .defaultAction(
                                        ListenerAction.fixedResponse(
                                                404,
                                                FixedResponseOptions.builder()
                                                        .contentType("text/plain")
                                                        .messageBody("Not found")
                                                        .build()))
                                .build());

        targetGroup =
                ApplicationTargetGroup.Builder.create(this, "ProxyTargets")
                        .vpc(vpc)
                        .port(SecurityGroups.PROXY_PORT)
                        .protocol(ApplicationProtocol.HTTPS)
                        .targets(List.of(proxy.autoScalingGroup()))
                        .deregistrationDelay(Duration.seconds(30))
                        .healthCheck(
                                HealthCheck.builder()
                                        .protocol(Protocol.HTTPS)
                                        .path(DashboardsProxy.HEALTH_CHECK_PATH)
                                        .healthyHttpCodes("200")
                                        .interval(Duration.seconds(15))
                                        .healthyThresholdCount(2)
                                        .unhealthyThresholdCount(3)
                                        .build())
                        .build();
        https.addAction(
                "Dashboards",
                AddApplicationActionProps.builder()
                        .priority(10)
                        .conditions(
                                List.of(ListenerCondition.hostHeaders(List.of(dashboardsHostName))))
                        .action(ListenerAction.forward(List.of(targetGroup)))
                        .build());

        new DashboardsFirewall(this, "Firewall", loadBalancer.getLoadBalancerArn());

        CfnOutput.Builder.create(this, "LoadBalancerDnsName")
                .description(
                        "Point the Dashboards host name here (CNAME, or a Route 53 alias record)")
                .value(loadBalancer.getLoadBalancerDnsName())
                .build();
    }

    public ApplicationLoadBalancer loadBalancer() {
        return loadBalancer;
    }

    public ApplicationTargetGroup targetGroup() {
        return targetGroup;
    }

    public DashboardsProxy proxy() {
        return proxy;
    }
}
