package jp.catdata.infra.network;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.ec2.AllocateCidrRequest;
import software.amazon.awscdk.services.ec2.AllocatedSubnet;
import software.amazon.awscdk.services.ec2.IIpAddresses;
import software.amazon.awscdk.services.ec2.RequestedSubnet;
import software.amazon.awscdk.services.ec2.SubnetIpamOptions;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.VpcIpamOptions;

/**
 * Gives a VPC and its subnets the CIDR blocks the design fixes, where {@code IpAddresses.cidr}
 * would pack the subnets one after the other.
 *
 * <p>The VPC requests subnets per subnet configuration and, within one, per availability zone in
 * order. So the n-th subnet of a type gets the n-th block listed for that type.
 */
final class FixedSubnetCidrs implements IIpAddresses {

    private final String vpcCidr;
    private final Map<SubnetType, List<String>> subnetCidrs;

    FixedSubnetCidrs(String vpcCidr, Map<SubnetType, List<String>> subnetCidrs) {
        this.vpcCidr = vpcCidr;
        this.subnetCidrs = new EnumMap<>(subnetCidrs);
    }

    @Override
    public VpcIpamOptions allocateVpcCidr() {
        return VpcIpamOptions.builder().cidrBlock(vpcCidr).build();
    }

    @Override
    public SubnetIpamOptions allocateSubnetsCidr(AllocateCidrRequest request) {
        Map<SubnetType, Integer> used = new EnumMap<>(SubnetType.class);
        List<AllocatedSubnet> allocated = new ArrayList<>();
        for (RequestedSubnet subnet : request.getRequestedSubnets()) {
            SubnetType type = subnet.getConfiguration().getSubnetType();
            List<String> cidrs = subnetCidrs.getOrDefault(type, List.of());
            int index = used.merge(type, 1, Integer::sum) - 1;
            if (index >= cidrs.size()) {
                throw new IllegalStateException(
                        "no CIDR block left for "
                                + type
                                + " subnet "
                                + subnet.getSubnetConstructId()
                                + ": "
                                + cidrs.size()
                                + " listed; list one per availability zone");
            }
            allocated.add(AllocatedSubnet.builder().cidr(cidrs.get(index)).build());
        }
        return SubnetIpamOptions.builder().allocatedSubnets(allocated).build();
    }
}
