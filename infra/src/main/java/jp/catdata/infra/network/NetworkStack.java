package jp.catdata.infra.network;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.IVpc;
import software.constructs.Construct;

/** The VPC, its network ACL and endpoints, and all security groups. */
public final class NetworkStack extends Stack {

    private final CatDataVpc network;
    private final SecurityGroups securityGroups;

    public NetworkStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        network = new CatDataVpc(this, "Network");
        securityGroups = new SecurityGroups(this, "SecurityGroups", network.vpc());
        network.addInterfaceEndpoints(securityGroups.endpoints());
    }

    public IVpc vpc() {
        return network.vpc();
    }

    public CatDataVpc network() {
        return network;
    }

    public SecurityGroups securityGroups() {
        return securityGroups;
    }
}
