package jp.catdata.infra.search;

import jp.catdata.infra.identity.StaffIdentity;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.opensearchservice.Domain;
import software.constructs.Construct;

/** The OpenSearch Service domain with its log groups and Cognito access role. */
public final class SearchStack extends Stack {

    private final SearchDomain search;

    public SearchStack(
            Construct scope,
            String id,
            StackProps props,
            IVpc vpc,
            ISecurityGroup securityGroup,
            StaffIdentity identity,
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
    }

    public Domain domain() {
        return search.domain();
    }
}
