package jp.catdata.infra.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * The AWS WAF web ACL on the Dashboards load balancer: a per-IP rate limit, then AWS managed rule
 * groups for IP reputation, common web exploits and known bad inputs.
 */
public final class DashboardsFirewall extends Construct {

    public static final String WEB_ACL_NAME = "cat-data-dashboards";

    /**
     * Requests per client IP in any 5-minute window before WAF blocks it. A Dashboards page load
     * sends a few dozen requests, and a municipal office's staff may share one address.
     */
    public static final int RATE_LIMIT_PER_5_MINUTES = 2000;

    /** AWS managed rule groups, in evaluation order after the rate limit. */
    public static final List<String> MANAGED_RULE_GROUPS =
            List.of(
                    "AWSManagedRulesAmazonIpReputationList",
                    "AWSManagedRulesCommonRuleSet",
                    "AWSManagedRulesKnownBadInputsRuleSet");

    private final CfnWebACL webAcl;

    public DashboardsFirewall(Construct scope, String id, String loadBalancerArn) {
        super(scope, id);
        List<CfnWebACL.RuleProperty> rules = new ArrayList<>();
        rules.add(rateLimitRule());
        for (int i = 0; i < MANAGED_RULE_GROUPS.size(); i++) {
            rules.add(managedRuleGroup(MANAGED_RULE_GROUPS.get(i), i + 1));
        }
        webAcl =
                CfnWebACL.Builder.create(this, "WebAcl")
                        .name(WEB_ACL_NAME)
                        .scope("REGIONAL")
                        .defaultAction(
                                CfnWebACL.DefaultActionProperty.builder()
                                        .allow(CfnWebACL.AllowActionProperty.builder().build())
                                        .build())
                        .visibilityConfig(visibility(WEB_ACL_NAME))
                        .rules(rules)
                        .build();
        CfnWebACLAssociation.Builder.create(this, "Association")
                .resourceArn(loadBalancerArn)
                .webAclArn(webAcl.getAttrArn())
                .build();
    }

    private static CfnWebACL.RuleProperty rateLimitRule() {
        return CfnWebACL.RuleProperty.builder()
                .name("rate-limit-per-ip")
                .priority(0)
                .statement(
                        CfnWebACL.StatementProperty.builder()
                                .rateBasedStatement(
                                        CfnWebACL.RateBasedStatementProperty.builder()
                                                .limit(RATE_LIMIT_PER_5_MINUTES)
                                                .evaluationWindowSec(300)
                                                .aggregateKeyType("IP")
                                                .build())
                                .build())
                .action(
                        CfnWebACL.RuleActionProperty.builder()
                                .block(CfnWebACL.BlockActionProperty.builder().build())
                                .build())
                .visibilityConfig(visibility("rate-limit-per-ip"))
                .build();
    }

    private static CfnWebACL.RuleProperty managedRuleGroup(String name, int priority) {
        CfnWebACL.ManagedRuleGroupStatementProperty.Builder group =
                CfnWebACL.ManagedRuleGroupStatementProperty.builder().vendorName("AWS").name(name);
        if (name.equals("AWSManagedRulesCommonRuleSet")) {
            // Dashboards saves visualizations and dashboards as JSON bodies over the rule's 8 KB
            // limit, so that one rule only counts matches. The rest of the group blocks.
            group.ruleActionOverrides(
                    List.of(
                            CfnWebACL.RuleActionOverrideProperty.builder()
                                    .name("SizeRestrictions_BODY")
                                    .actionToUse(
                                            CfnWebACL.RuleActionProperty.builder()
                                                    .count(
                                                            CfnWebACL.CountActionProperty.builder()
                                                                    .build())
                                                    .build())
                                    .build()));
        }
        return CfnWebACL.RuleProperty.builder()
                .name(name)
                .priority(priority)
                .statement(
                        CfnWebACL.StatementProperty.builder()
                                .managedRuleGroupStatement(group.build())
                                .build())
                .overrideAction(CfnWebACL.OverrideActionProperty.builder().none(Map.of()).build())
                .visibilityConfig(visibility(name))
                .build();
    }

    private static CfnWebACL.VisibilityConfigProperty visibility(String metricName) {
        return CfnWebACL.VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true)
                .sampledRequestsEnabled(true)
                .metricName(metricName)
                .build();
    }

    public CfnWebACL webAcl() {
        return webAcl;
    }
}
