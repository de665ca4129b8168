package jp.catdata.infra.processing;

import java.nio.file.Path;
import java.util.Map;
import jp.catdata.infra.network.CatDataVpc;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/** The Flink application, its role and its log group. */
public final class ProcessingStack extends Stack {

    private final FlinkApplication flink;

    /**
     * @param jar the job's application jar
     * @param propertiesFile the job's {@code application-properties.json}; its groups are deployed
     *     with the values of {@link ApplicationProperties#awsOverrides} and {@link
     *     ApplicationProperties#openSearchOverrides} set over them
     * @param searchDomainEndpoint host name of the OpenSearch domain the job writes live features
     *     to
     */
    public ProcessingStack(
            Construct scope,
            String id,
            StackProps props,
            Path jar,
            Path propertiesFile,
            IVpc vpc,
            ISecurityGroup securityGroup,
            IStream stream,
            IBucket dataBucket,
            String searchDomainEndpoint) {
        super(scope, id, props);
        Map<String, Map<String, String>> groups =
                ApplicationProperties.merge(
                        ApplicationProperties.merge(
                                ApplicationProperties.read(propertiesFile),
                                ApplicationProperties.awsOverrides(getRegion())),
                        ApplicationProperties.openSearchOverrides(
                                getRegion(), searchDomainEndpoint));
        flink =
                new FlinkApplication(
                        this,
                        "Flink",
                        jar,
                        groups,
                        vpc.selectSubnets(CatDataVpc.privateSubnets()).getSubnets(),
                        securityGroup,
                        stream,
                        dataBucket);
    }

    public FlinkApplication flink() {
        return flink;
    }
}
