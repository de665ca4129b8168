package jp.catdata.infra.catalog;

import jp.catdata.infra.Names;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.constructs.Construct;

/**
 * The Athena workgroup {@value Names#ATHENA_WORKGROUP}. Its settings are enforced, so a client
 * cannot send results elsewhere or unencrypted, and each query stops after scanning the configured
 * number of bytes.
 */
public final class AthenaWorkgroup extends Construct {

    public static final String RESULT_LOCATION =
            "s3://" + Names.DATA_BUCKET + "/" + Names.ATHENA_RESULTS_PREFIX;

    private final CfnWorkGroup workGroup;

    public AthenaWorkgroup(Construct scope, String id, long bytesScannedCutoffPerQuery) {
        super(scope, id);
        workGroup =
                CfnWorkGroup.Builder.create(this, "WorkGroup")
                        .name(Names.ATHENA_WORKGROUP)
                        .description("Queries over the curated cat data tables")
                        .state("ENABLED")
                        .workGroupConfiguration(
                                CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                                        .enforceWorkGroupConfiguration(true)
                                        .publishCloudWatchMetricsEnabled(true)
                                        .requesterPaysEnabled(false)
                                        .bytesScannedCutoffPerQuery(bytesScannedCutoffPerQuery)
                                        .engineVersion(
                                                CfnWorkGroup.EngineVersionProperty.builder()
                                                        .selectedEngineVersion("AUTO")
                                                        .build())
                                        .resultConfiguration(
                                                CfnWorkGroup.ResultConfigurationProperty.builder()
                                                        .outputLocation(RESULT_LOCATION)
                                                        .encryptionConfiguration(
                                                                CfnWorkGroup
                                                                        .EncryptionConfigurationProperty
                                                                        .builder()
                                                                        .encryptionOption("SSE_S3")
                                                                        .build())
                                                        .build())
                                        .build())
                        .build();
    }

    public CfnWorkGroup workGroup() {
        return workGroup;
    }
}
