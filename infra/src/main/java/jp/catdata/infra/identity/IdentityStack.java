package jp.catdata.infra.identity;

import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** Cognito user pool, app client, identity pool and the staff groups with their roles. */
public final class IdentityStack extends Stack {

    private final StaffIdentity identity;

    public IdentityStack(
            Construct scope,
            String id,
            StackProps props,
            List<String> municipalityCodes,
            String dashboardsHostName,
            String cognitoDomainPrefix) {
        super(scope, id, props);
        String prefix =
                cognitoDomainPrefix != null ? cognitoDomainPrefix : "cat-data-v21-" + getAccount();
        identity = new StaffIdentity(this, "Staff", municipalityCodes, dashboardsHostName, prefix);
    }

    public StaffIdentity identity() {
        return identity;
    }
}
