package jp.catdata.infra.access;

import java.util.List;
import jp.catdata.infra.Names;
import jp.catdata.infra.network.CatDataVpc;
import jp.catdata.infra.network.SecurityGroups;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.autoscaling.AdditionalHealthCheckType;
import software.amazon.awscdk.services.autoscaling.AdditionalHealthChecksOptions;
import software.amazon.awscdk.services.autoscaling.AutoScalingGroup;
import software.amazon.awscdk.services.autoscaling.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.autoscaling.HealthChecks;
import software.amazon.awscdk.services.autoscaling.RollingUpdateOptions;
import software.amazon.awscdk.services.autoscaling.UpdatePolicy;
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
import software.amazon.awscdk.services.ec2.S3DownloadOptions;
import software.amazon.awscdk.services.ec2.UserData;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * The reverse proxy in front of OpenSearch Dashboards and the staff web map: nginx on Amazon Linux
 * 2023 in an Auto Scaling group of {@value #MIN_INSTANCES} to {@value #MAX_INSTANCES} instances
 * across both private subnets.
 *
 * <p>nginx serves the built web map under {@value Names#WEB_MAP_PATH} and forwards the map's
 * searches to the domain. Requests under {@value #DASHBOARDS_PATH} go to the domain as they are,
 * and every other path gets 404.
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

    /** Path under which the domain serves OpenSearch Dashboards. */
    static final String DASHBOARDS_PATH = "/_dashboards";

    /** A raw request URI under {@link #DASHBOARDS_PATH}, before its query string. */
    static final String DASHBOARDS_RAW_PATH = "^" + DASHBOARDS_PATH + "(/|\\?|$)";

    /**
     * A raw path, before the query string, with an encoded slash, dot or backslash, or a dot
     * segment.
     */
    static final String UNSAFE_RAW_PATH = "^[^?]*(%2[fFeE]|%5[cC]|/\\.\\.?(/|\\?|$))";

    /** Folder on the instances that nginx serves the web map from. */
    static final String WEB_MAP_ROOT = "/usr/share/nginx/cat-data-map";

    static final String WEB_MAP_PATH_NO_SLASH =
            Names.WEB_MAP_PATH.substring(0, Names.WEB_MAP_PATH.length() - 1);

    /** Maps a search of one index or pattern of the job to the domain's {@code _search} path. */
    static final String SEARCH_REWRITE =
            "^"
                    + WebMapSite.SEARCH_PATH
                    + "/("
                    + WebMapSite.INDEX_PREFIX
                    + "-[a-z0-9*][a-z0-9._*-]*)$";

    /**
     * Cap of a search body. The map's queries are a few hundred bytes, and its local server has the
     * same cap.
     */
    static final String MAX_SEARCH_BODY = "64k";

    private final AutoScalingGroup autoScalingGroup;

    public DashboardsProxy(
            Construct scope,
            String id,
            IVpc vpc,
            ISecurityGroup securityGroup,
            String domainEndpoint,
            String dashboardsHostName,
            WebMapSite webMap) {
        super(scope, id);
        Stack stack = Stack.of(this);

        Role role =
                Role.Builder.create(this, "InstanceRole")
                        .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                        .description(
                                "Dashboards proxy hosts: Systems Manager access, web map download")
                        .managedPolicies(
                                List.of(
                                        ManagedPolicy.fromAwsManagedPolicyName(
                                                "AmazonSSMManagedInstanceCore")))
                        .build();

        // A new build of the map changes the asset's key, so the user data and the launch
        // template change, and the rolling update below replaces the instances.
        Asset webMapAsset =
                Asset.Builder.create(this, "WebMap").path(webMap.dir().toString()).build();
        // The one object, not the asset's grantRead, which allows wildcards on the bootstrap
        // bucket.
        role.addToPolicy(
                PolicyStatement.Builder.create()
                        .actions(List.of("s3:GetObject"))
                        .resources(
                                List.of(
                                        webMapAsset
                                                .getBucket()
                                                .arnForObjects(webMapAsset.getS3ObjectKey())))
                        .build());
        UserData userData = UserData.forLinux();
        userData.addCommands("set -euo pipefail");
        String archive =
                userData.addS3DownloadCommand(
                        S3DownloadOptions.builder()
                                .bucket(webMapAsset.getBucket())
                                .bucketKey(webMapAsset.getS3ObjectKey())
                                .localFile("/tmp/cat-data-map.zip")
                                .region(stack.getRegion())
                                .build());
        userData.addCommands(
                siteCommands(
                                domainEndpoint,
                                dashboardsHostName,
                                archive,
                                stack.toJsonString(
                                        webMap.pageConfig(stack.getRegion(), dashboardsHostName)),
                                contentSecurityPolicy(stack.getRegion(), webMap.hostedUiBaseUrl()))
                        .toArray(String[]::new));

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
                        .userData(userData)
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
                        .updatePolicy(
                                UpdatePolicy.rollingUpdate(
                                        RollingUpdateOptions.builder()
                                                .maxBatchSize(1)
                                                .minInstancesInService(MIN_INSTANCES - 1)
                                                .pauseTime(Duration.minutes(5))
                                                .build()))
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

    /**
     * Returns the first-boot commands after the web map's download: they install nginx, make its
     * certificate, unpack the web map with its {@code config.json} and write the site
     * configuration.
     */
    static List<String> siteCommands(
            String domainEndpoint,
            String dashboardsHostName,
            String webMapArchive,
            String pageConfigJson,
            String contentSecurityPolicy) {
        return List.of(
                // The Amazon Linux 2023 repositories are in S3, reached through the gateway
                // endpoint.
                "dnf install -y nginx openssl unzip",
                "install -d -m 700 /etc/nginx/tls",
                "openssl req -x509 -nodes -newkey rsa:2048 -days 825"
                        + " -subj /CN="
                        + Names.PROXY_AUTO_SCALING_GROUP
                        + " -keyout /etc/nginx/tls/proxy.key -out /etc/nginx/tls/proxy.crt",
                "install -d -m 755 " + WEB_MAP_ROOT,
                "unzip -q -o " + webMapArchive + " -d " + WEB_MAP_ROOT,
                "rm -f " + webMapArchive,
                "cat > " + WEB_MAP_ROOT + "/config.json <<'JSON'",
                pageConfigJson,
                "JSON",
                "chmod -R a+rX " + WEB_MAP_ROOT,
                // Shared by the two locations that forward to the domain.
                "cat > /etc/nginx/search-domain.inc <<'CONF'",
                "proxy_pass https://$search_domain;",
                "proxy_ssl_server_name on;",
                "proxy_ssl_name " + dashboardsHostName + ";",
                "proxy_ssl_verify on;",
                "proxy_ssl_trusted_certificate /etc/pki/tls/certs/ca-bundle.crt;",
                "proxy_ssl_protocols TLSv1.2 TLSv1.3;",
                "proxy_set_header Host " + dashboardsHostName + ";",
                "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
                "proxy_set_header X-Forwarded-Proto https;",
                "proxy_http_version 1.1;",
                "proxy_buffer_size 128k;",
                "proxy_buffers 4 256k;",
                "proxy_busy_buffers_size 256k;",
                "CONF",
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
                "    location = / { return 302 " + DASHBOARDS_PATH + "/; }",
                // nginx resolves a literal host name in proxy_pass only once, at start. A variable
                // makes it resolve through the resolver as the cache expires, so the proxy
                // follows the domain to new IP addresses after a blue/green update.
                "    resolver " + CatDataVpc.DNS_RESOLVER + " valid=30s;",
                "    set $search_domain " + domainEndpoint + ";",
                "    location = "
                        + WEB_MAP_PATH_NO_SLASH
                        + " { return 301 "
                        + Names.WEB_MAP_PATH
                        + "; }",
                "    location " + Names.WEB_MAP_PATH + " {",
                "        alias " + WEB_MAP_ROOT + "/;",
                "        index index.html;",
                "        add_header Cache-Control \"no-cache\" always;",
                "        add_header Content-Security-Policy \""
                        + contentSecurityPolicy
                        + "\" always;",
                "        add_header X-Content-Type-Options nosniff always;",
                "        add_header Referrer-Policy strict-origin-when-cross-origin always;",
                "    }",
                // The map's searches: POST <search path>/<index> becomes POST /<index>/_search,
                // with the page's SigV4 headers and body unchanged, for the indices of the job
                // only. The domain checks the signature, and fine-grained access control applies
                // the role of the signer's Cognito group.
                "    location " + WebMapSite.SEARCH_PATH + "/ {",
                "        limit_except POST { deny all; }",
                "        client_max_body_size " + MAX_SEARCH_BODY + ";",
                // The "?" drops a query string, which the page neither sends nor signs.
                "        rewrite \"" + SEARCH_REWRITE + "\" /$1/_search? break;",
                "        return 404;",
                "        include /etc/nginx/search-domain.inc;",
                "    }",
                // Only Dashboards goes to the domain as it is. nginx picks the location by the
                // decoded, normalized path, but proxy_pass without a URI sends the path as the
                // client wrote it, so /x%2F..%2F_dashboards would reach /x on the domain. The raw
                // path must therefore itself be a Dashboards path, without encoded slashes, dots
                // or backslashes and without dot segments. The query string may contain them.
                "    location " + DASHBOARDS_PATH + " {",
                "        if ($request_uri !~ \"" + DASHBOARDS_RAW_PATH + "\") { return 404; }",
                "        if ($request_uri ~ \"" + UNSAFE_RAW_PATH + "\") { return 400; }",
                "        include /etc/nginx/search-domain.inc;",
                "    }",
                "    location / { return 404; }",
                "}",
                "CONF",
                "nginx -t",
                "systemctl enable --now nginx");
    }

    /**
     * Returns the Content-Security-Policy of the web map: scripts and styles from the page itself,
     * searches to the same origin, and sign-in calls to the hosted UI and Cognito Identity. Map
     * tiles may come from any HTTPS server, because their URL is a setting of the page. Leaflet
     * sets inline styles, so styles allow 'unsafe-inline'.
     */
    static String contentSecurityPolicy(String region, String hostedUiBaseUrl) {
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                + " img-src 'self' data: https:; connect-src 'self' "
                + hostedUiBaseUrl
                + " https://cognito-identity."
                + region
                + ".amazonaws.com; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    }

    public AutoScalingGroup autoScalingGroup() {
        return autoScalingGroup;
    }
}
