package jp.catdata.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

class NagProbeTest {
    @Test
    void probe() {
        App app = new App(AppProps.builder().context(TestApp.context()).outdir("target/cdk.out-nag").build());
        var s = CatDataApp.build(app, Environment.builder().account(TestApp.ACCOUNT).region(TestApp.REGION).build(), CatDataConfig.fromContext(app.getNode()));
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(false).build()));
        app.synth();
        for (var st : java.util.List.of(s.network(), s.data(), s.identity(), s.search(), s.processing(), s.access(), s.monitoring(), s.audit())) {
            var a = Annotations.fromStack(st);
            for (var m : a.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))) System.out.println("ERR " + st.getStackName() + " " + m.getId() + " :: " + String.valueOf(m.getEntry().getData()).lines().findFirst().orElse(""));
            for (var m : a.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))) System.out.println("WARN " + st.getStackName() + " " + m.getId() + " :: " + String.valueOf(m.getEntry().getData()).lines().findFirst().orElse(""));
        }
    }
}
