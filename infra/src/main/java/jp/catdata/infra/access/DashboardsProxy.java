package jp.catdata.infra.access;

import java.util.List;
import jp.catdata.infra.Names;
import jp.catdata.infra.network.CatDataVpc;
import jp.catdata.infra.network.SecurityGroups;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.autoscaling.AdditionalHealthCheckType;
import software.amazon.awscdk.services.autoscaling.AdditionalHealthChecksOptions;
import software.amazon.awscdk.services.autoscaling.AutoScalingGroup;
import software.amazon.awscdk.services.autoscaling.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.autoscaling.HealthChecks;
import software.amazon.awscdk.services.ec2.AmazonLinux2023ImageSsmParameterProps;
import software.amazon.awscdk.services.ec2.AmazonLinuxCpuType;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.ec2.MachineImage;
import software.amazon.awscdk.services.ec2.UserData;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The reverse proxy in front of OpenSearch Dashboards: nginx on Amazon Linux 2023 in an Auto
 * Scaling group of {@value #MIN_INSTANCES} to {@value #MAX_INSTANCES} instances across both private
 * subnets.
 *
 * <p>nginx listens on {@value SecurityGroups#PROXY_PORT} with a self-signed certificate. The load
 * balancer does not verify its targets' certificates, but the hop stays encrypted. nginx forwards
 * to the domain's VPC endpoint and sends the Dashboards host name as SNI, so the domain presents
 * its custom endpoint's certificate, which nginx verifies. The instances have no SSH key, so
 * operators connect through Systems Manager Session Manager.
 */
public final class DashboardsProxy extends Construct {

    public static final String INSTANCE_TYPE = "t4g.small";
    public static final int MIN_INSTANCES = 2;
    public static final int MAX_INSTANCES = 4;
    public static final String HEALTH_CHECK_PATH = "/healthz";
    public static final int TARGET_CPU_PERCENT = 60;

    private final AutoScalingGroup autoScalingGroup;

    public DashboardsProxy(
            Construct scope,
            String id,
            IVpc vpc,
            ISecurityGroup securityGroup,
            String domainEndpoint,
            String dashboardsHostName) {
        super(scope, id);

        Role role =
                Role.Builder.create(this, "InstanceRole")
                        .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                        .description("Dashboards proxy hosts: Systems Manager access only")
                        .managedPolicies(
                                List.of(
                                        ManagedPolicy.fromAwsManagedPolicyName(
                                                "AmazonSSMManagedInstanceCore")))
                        .build();

        LaunchTemplate launchTemplate =
                LaunchTemplate.Builder.create(this, "LaunchTemplate")
                        .machineImage(
                                MachineImage.latestAmazonLinux2023(
                                        AmazonLinux2023ImageSsmParameterProps.builder()
                                                .cpuType(AmazonLinuxCpuType.ARM_64)
                                                .build()))
                        .instanceType(new InstanceType(INSTANCE_TYPE))
                        .securityGroup(securityGroup)
                        .role(role)
                        .requireImdsv2(true)
                        .detailedMonitoring(true)
                        .userData(userData(domainEndpoint, dashboardsHostName))
                        .blockDevices(
                                List.of(
                                        BlockDevice.builder()
                                                .deviceName("/dev/xvda")
                                                .volume(
                                                        BlockDeviceVolume.ebs(
                                                                8,
                                                                EbsDeviceOptions.builder()
                                                                        .encrypted(true)
                                                                        .volumeType(
                                                                                EbsDeviceVolumeType
                                                                                        .GP3)
                                                                        .deleteOnTermination(true)
                                                                        .build()))
                                                .build()))
                        .build();

        autoScalingGroup =
                AutoScalingGroup.Builder.create(this, "Group")
                        .autoScalingGroupName(Names.PROXY_AUTO_SCALING_GROUP)
                        .vpc(vpc)
                        .vpcSubnets(CatDataVpc.privateSubnets())
                        .launchTemplate(launchTemplate)
                        .minCapacity(MIN_INSTANCES)
                        .maxCapacity(MAX_INSTANCES)
                        .healthChecks(
                                HealthChecks.withAdditionalChecks(
                                        AdditionalHealthChecksOptions.builder()
                                                .additionalTypes(
                                                        List.of(AdditionalHealthCheckType.ELB))
                                                .gracePeriod(Duration.minutes(5))
                                                .build()))
                        .build();
        autoScalingGroup.scaleOnCpuUtilization(
                "CpuScaling",
                CpuUtilizationScalingProps.builder()
                        .targetUtilizationPercent(TARGET_CPU_PERCENT)
                        .build());
    }

    /** Installs nginx, makes its certificate and writes its site configuration at first boot. */
    static UserData userData(String domainEndpoint, String dashboardsHostName) {
        UserData userData = UserData.forLinux();
        userData.addCommands(
                "set -euo pipefail",
                // The Amazon Linux 2023 repositories are in S3, reached through the gateway
                // endpoint.
                "dnf install -y nginx openssl",
                "install -d -m 700 /etc/nginx/tls",
                "openssl req -x509 -nodes -newkey rsa:2048 -days 825"
                        + " -subj /CN="
                        + Names.PROXY_AUTO_SCALING_GROUP
                        + " -keyout /etc/nginx/tls/proxy.key -out /etc/nginx/tls/proxy.crt",
                "cat > /etc/nginx/conf.d/dashboards.conf <<'CONF'",
                "server {",
                "    listen " + SecurityGroups.PROXY_PORT + " ssl;",
                "    server_name _;",
                "    ssl_certificate /etc/nginx/tls/proxy.crt;",
                "    ssl_certificate_key /etc/nginx/tls/proxy.key;",
                "    ssl_protocols TLSv1.2 TLSv1.3;",
                "    location = "
                        + HEALTH_CHECK_PATH
                        + " { access_log off; return 200 \"ok\\n\"; }",
                "    location = / { return 302 /_dashboards/; }",
                // nginx resolves a literal host name in proxy_pass only once, at start. A variable
                // makes it resolve through the resolver as the cache expires, so the proxy
                // follows the domain to new IP addresses after a blue/green update.
                "    resolver " + CatDataVpc.DNS_RESOLVER + " valid=30s;",
                "    set $search_domain " + domainEndpoint + ";",
                // NOTE: nginx neither serves the staff web map (frontend/web) nor forwards its
                // POST /api/search/<index>, and the domain has no JWT authentication for the
                // map's Cognito tokens, so the map works locally only.
                "    location / {",
                "        proxy_pass https://$search_domain;",
                "        proxy_ssl_server_name on;",
                "        proxy_ssl_name " + dashboardsHostName + ";",
                "        proxy_ssl_verify on;",
                "        proxy_ssl_trusted_certificate /etc/pki/tls/certs/ca-bundle.crt;",
                "        proxy_ssl_protocols TLSv1.2 TLSv1.3;",
                "        proxy_set_header Host " + dashboardsHostName + ";",
                "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
                "        proxy_set_header X-Forwarded-Proto https;",
                "        proxy_http_version 1.1;",
                "        proxy_buffer_size 128k;",
                "        proxy_buffers 4 256k;",
                "        proxy_busy_buffers_size 256k;",
                "    }",
                "}",
                "CONF",
                "systemctl enable --now nginx");
        return userData;
    }

    public AutoScalingGroup autoScalingGroup() {
        return autoScalingGroup;
    }
}
