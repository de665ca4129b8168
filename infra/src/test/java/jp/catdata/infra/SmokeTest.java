package jp.catdata.infra;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void synth() throws Exception {
        var s = TestApp.stacks();
        long t0 = System.currentTimeMillis();
        for (var st : java.util.List.of(s.network(), s.data(), s.identity(), s.search(), s.processing(), s.access(), s.monitoring(), s.audit())) {
            var t = TestApp.template(st);
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", st.getStackName() + ".json"),
                new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(t.toJSON()));
        }
        System.out.println("synth ms " + (System.currentTimeMillis() - t0));
    }
}
