package jp.catdata.infra.search;

import java.util.List;
import jp.catdata.infra.identity.StaffIdentity;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.opensearchservice.Domain;
import software.constructs.Construct;

/**
 * The OpenSearch Service domain with its log groups and Cognito access role, and the OpenSearch
 * roles that limit each municipality group to its own documents.
 */
public final class SearchStack extends Stack {

    private final SearchDomain search;
    private final MunicipalityAccess municipalityAccess;

    public SearchStack(
            Construct scope,
            String id,
            StackProps props,
            IVpc vpc,
            ISecurityGroup securityGroup,
            ISecurityGroup securityConfigGroup,
            StaffIdentity identity,
            List<String> municipalityCodes,
            String dashboardsHostName,
            String certificateArn) {
        super(scope, id, props);
        search =
                new SearchDomain(
                        this,
                        "Search",
                        vpc,
                        securityGroup,
                        identity,
                        dashboardsHostName,
                        certificateArn);
        municipalityAccess =
                new MunicipalityAccess(
                        this,
                        "MunicipalityAccess",
                        search.domain(),
                        vpc,
                        securityConfigGroup,
                        identity,
                        municipalityCodes);
    }

    public MunicipalityAccess municipalityAccess() {
        return municipalityAccess;
    }

    public Domain domain() {
        return search.domain();
    }
}
