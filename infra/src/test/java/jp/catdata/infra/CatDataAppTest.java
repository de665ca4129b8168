package jp.catdata.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

class CatDataAppTest {

    @BeforeAll
    static void synth() {
        // Cross-stack references become stack dependencies only during synthesis.
        all().forEach(TestApp::template);
    }

    @Test
    void everyStackSynthesizes() {
        List<String> names = new ArrayList<>();
        for (Stack stack : all()) {
            assertThat(TestApp.template(stack).toJSON()).containsKey("Resources");
            names.add(stack.getStackName());
        }

        assertThat(names)
                .containsExactly(
                        "CatData-Network",
                        "CatData-Data",
                        "CatData-Identity",
                        "CatData-Search",
                        "CatData-Processing",
                        "CatData-Access",
                        "CatData-Monitoring",
                        "CatData-Audit");
    }

    @Test
    void stacksDeployInOrder() {
        CatDataApp.Stacks stacks = TestApp.stacks();

        assertThat(stacks.search().getDependencies()).contains(stacks.network(), stacks.identity());
        assertThat(stacks.processing().getDependencies())
                .contains(stacks.network(), stacks.data(), stacks.search());
        assertThat(stacks.access().getDependencies())
                .contains(stacks.network(), stacks.data(), stacks.search());
        assertThat(stacks.monitoring().getDependencies())
                .contains(stacks.data(), stacks.processing(), stacks.search(), stacks.access());
        assertThat(stacks.audit().getDependencies()).contains(stacks.data());
    }

    /** Least privilege: no IAM policy that grants permissions names an action with a wildcard. */
    @Test
    void noWildcardActionsInIamPolicies() {
        List<String> wildcards = new ArrayList<>();
        for (Stack stack : all()) {
            Template template = TestApp.template(stack);
            template.findResources("AWS::IAM::Policy")
                    .forEach(
                            (id, policy) ->
                                    collectWildcards(
                                            stack.getStackName() + "/" + id,
                                            properties(policy).get("PolicyDocument"),
                                            wildcards));
            template.findResources("AWS::IAM::Role")
                    .forEach(
                            (id, role) -> {
                                Object inline = properties(role).get("Policies");
                                if (inline instanceof List<?> policies) {
                                    for (Object policy : policies) {
                                        collectWildcards(
                                                stack.getStackName() + "/" + id,
                                                ((Map<?, ?>) policy).get("PolicyDocument"),
                                                wildcards);
                                    }
                                }
                            });
        }

        assertThat(wildcards).isEmpty();
    }

    private static void collectWildcards(String where, Object document, List<String> out) {
        for (Object item : (List<?>) ((Map<?, ?>) document).get("Statement")) {
            Map<?, ?> statement = (Map<?, ?>) item;
            if (!"Allow".equals(statement.get("Effect"))) {
                continue;
            }
            Object actions = statement.get("Action");
            for (Object action : actions instanceof List<?> list ? list : List.of(actions)) {
                if (String.valueOf(action).contains("*")) {
                    out.add(where + ": " + action);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    private static List<Stack> all() {
        CatDataApp.Stacks s = TestApp.stacks();
        return List.of(
                s.network(),
                s.data(),
                s.identity(),
                s.search(),
                s.processing(),
                s.access(),
                s.monitoring(),
                s.audit());
    }
}
