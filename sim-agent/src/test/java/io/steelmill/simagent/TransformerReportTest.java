package io.steelmill.simagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.probe.InstallProbe;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the agent says about classes it could not rewrite: only those that read a clock, named in
 * one line however many there are.
 */
class TransformerReportTest {
  @Test
  void aRefusedClassIsReportedOnlyWhenItReadsAClock() {
    Transformer transformer = new Transformer();
    InternalError invalid = new InternalError("class redefinition failed: invalid class");
    transformer.refused(TimeReadRewriterTest.ReadsNothing.class, invalid, false);
    transformer.refused(TimeReadRewriterTest.ReadsClocks.class, invalid, true);
    assertThat(transformer.unrewritable())
        .containsExactly(TimeReadRewriterTest.ReadsClocks.class.getName());
  }

  @Test
  void aClassTheTransformerRewroteButTheJvmRefusedIsReported() {
    Transformer transformer = new Transformer();
    Class<?> reader = InstallProbe.ClockReader.class; // outside the agent's package
    byte[] rewritten = transformer.transform(reader.getModule(), reader.getClassLoader(),
        reader.getName().replace('.', '/'), reader, null, classFile(reader));
    assertThat(rewritten).isNotNull();
    assertThat(transformer.rewrittenCount()).isEqualTo(1);
    transformer.refused(reader, new InternalError("invalid class"), false); // had no class file
    assertThat(transformer.unrewritable()).containsExactly(reader.getName());
  }

  @Test
  void aClassWithoutClockReadsPassesUntouched() {
    Transformer transformer = new Transformer();
    Class<?> bystander = InstallProbe.Bystander.class;
    assertThat(transformer.transform(bystander.getModule(), bystander.getClassLoader(),
        bystander.getName().replace('.', '/'), bystander, null, classFile(bystander))).isNull();
    assertThat(transformer.rewrittenCount()).isZero();
  }

  @Test
  void manyFailuresMakeOneLineNamingThree() {
    Map<String, String> failures = new LinkedHashMap<>();
    for (int i = 1; i <= 5; i++) {
      failures.put("a.B" + i, "java.lang.InternalError: invalid class");
    }
    String line = Transformer.failureLine(failures);
    assertThat(line).doesNotContain("\n").startsWith("steelmill-sim-agent: 5 loaded classes")
        .contains("a.B1 (", "a.B3 (").doesNotContain("a.B4").endsWith(" and 2 more");
    assertThat(Transformer.failureLine(Map.of("a.C", "x"))).endsWith("a.C (x)");
  }

  private static byte[] classFile(Class<?> type) {
    try {
      return Transformer.bytesOf(type);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
