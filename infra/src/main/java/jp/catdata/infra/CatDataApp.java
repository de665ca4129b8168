package jp.catdata.infra;

import jp.catdata.infra.access.AccessStack;
import jp.catdata.infra.access.WebMapSite;
import jp.catdata.infra.catalog.DdlFiles;
import jp.catdata.infra.identity.IdentityStack;
import jp.catdata.infra.network.NetworkStack;
import jp.catdata.infra.operations.AuditStack;
import jp.catdata.infra.operations.MonitoringStack;
import jp.catdata.infra.processing.ApplicationProperties;
import jp.catdata.infra.processing.ProcessingStack;
import jp.catdata.infra.search.SearchStack;
import jp.catdata.infra.storage.DataStack;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: every stack of the system, in deployment order.
 *
 * <p>{@code cdk deploy --all} from {@code infra/} deploys them; {@code docs/deploy.md} lists the
 * context parameters and what each stack holds.
 */
public final class CatDataApp {

    /** Prefix of every stack name. */
    public static final String STACK_PREFIX = "CatData-";

    /** The stacks, for tests and for wiring. */
    public record Stacks(
            NetworkStack network,
            DataStack data,
            IdentityStack identity,
            SearchStack search,
            ProcessingStack processing,
            AccessStack access,
            MonitoringStack monitoring,
            AuditStack audit) {}

    private CatDataApp() {}

    public static void main(String[] args) {
        App app = new App();
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = System.getenv("CDK_DEFAULT_REGION");
        if (account == null || region == null) {
            throw new IllegalStateException(
                    "CDK_DEFAULT_ACCOUNT or CDK_DEFAULT_REGION is not set. Run the app through the"
                            + " CDK CLI with AWS credentials and a region configured, for example"
                            + " AWS_PROFILE=... AWS_REGION=ap-northeast-1 cdk synth.");
        }
        build(
                app,
                Environment.builder().account(account).region(region).build(),
                CatDataConfig.fromContext(app.getNode()));
        app.synth();
    }

    /** Adds every stack to {@code app}, all in {@code env}. */
    public static Stacks build(App app, Environment env, CatDataConfig config) {
        StackProps props = StackProps.builder().env(env).build();

        NetworkStack network = new NetworkStack(app, STACK_PREFIX + "Network", props);

        DataStack data =
                new DataStack(
                        app,
                        STACK_PREFIX + "Data",
                        props,
                        DdlFiles.load(config.athenaDdlDir()),
                        config.athenaBytesScannedCutoff());

        IdentityStack identity =
                new IdentityStack(
                        app,
                        STACK_PREFIX + "Identity",
                        props,
                        config.municipalityCodes(),
                        config.dashboardsHostName(),
                        config.cognitoDomainPrefix());

        SearchStack search =
                new SearchStack(
                        app,
                        STACK_PREFIX + "Search",
                        props,
                        network.vpc(),
                        network.securityGroups().search(),
                        network.securityGroups().securityConfig(),
                        identity.identity(),
                        config.municipalityCodes(),
                        config.dashboardsHostName(),
                        config.certificateArn());

        ProcessingStack processing =
                new ProcessingStack(
                        app,
                        STACK_PREFIX + "Processing",
                        props,
                        config.flinkJarPath(),
                        config.flinkPropertiesPath(),
                        network.vpc(),
                        network.securityGroups().flinkApplication(),
                        data.positionStream(),
                        data.dataBucket(),
                        search.domain().getDomainEndpoint());
        processing.addStackDependency(
                search, "the job writes to the domain, whose ARN its role builds from the name");

        AccessStack access =
                new AccessStack(
                        app,
                        STACK_PREFIX + "Access",
                        props,
                        network.vpc(),
                        network.securityGroups(),
                        search.domain().getDomainEndpoint(),
                        data.logBucket(),
                        config.certificateArn(),
                        config.dashboardsHostName(),
                        WebMapSite.of(
                                config.webMapDir(),
                                identity.identity(),
                                ApplicationProperties.read(config.flinkPropertiesPath())));

        MonitoringStack monitoring =
                new MonitoringStack(
                        app,
                        STACK_PREFIX + "Monitoring",
                        props,
                        data.positionStream(),
                        processing.flink().application().getRef(),
                        search.domain(),
                        access.loadBalancer(),
                        access.targetGroup(),
                        config.alarmEmail());

        AuditStack audit =
                new AuditStack(app, STACK_PREFIX + "Audit", props, config.createConfigRecorder());
        audit.addStackDependency(
                data, "the audit bucket logs into the log bucket, which it imports by name");

        Tags.of(app).add("project", "cat-data-v21");
        return new Stacks(network, data, identity, search, processing, access, monitoring, audit);
    }
}
