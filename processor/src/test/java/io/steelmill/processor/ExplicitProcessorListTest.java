package io.steelmill.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build that lists its processors ({@code -processor}, Maven {@code <annotationProcessors>},
 * Bazel {@code processor_class}) runs only those, and each only where its annotations appear.
 * Named both, a compilation without a Steelmill annotation recognizes and checks the
 * {@code -Asteelmill.*} options; named {@code SteelmillProcessor} alone, javac warns that nobody
 * read them ({@code -Werror}: a failed build) and a wrong value passes: README's "Strict builds"
 * says to name both, and this test keeps that text true.
 */
class ExplicitProcessorListTest {
  private static final String BOTH =
      SteelmillProcessor.class.getName() + "," + SteelmillOptionsProcessor.class.getName();
  private static final String UNREAD = "not recognized by any processor";

  @TempDir Path out;

  /** javac's own output for a source without a Steelmill annotation, run as a build runs it. */
  private String javac(String processors, String mode) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    JavaFileObject plain = Compiler.source("test.Plain", "package test;",
        "class Plain { @Override public String toString() { return \"p\"; } }");
    List<String> options = new ArrayList<>(List.of("-processor", processors,
        "-processorpath", System.getProperty("java.class.path"),
        "-Asteelmill.mode=" + mode, "-Xlint:all,-processing", "-Werror",
        "-d", Files.createDirectories(out.resolve(mode)).toString()));
    StringWriter messages = new StringWriter();
    boolean ok = javac.getTask(messages, null, null, options, null, List.of(plain)).call();
    return (ok ? "ok\n" : "failed\n") + messages;
  }

  @Test
  void bothProcessorsNamedRecognizeAndCheckTheOptions() throws IOException {
    assertThat(javac(BOTH, "simulation")).startsWith("ok\n").doesNotContain(UNREAD);
    assertThat(javac(BOTH, "simulaton")).startsWith("failed\n").doesNotContain(UNREAD)
        .contains("steelmill.mode");
  }

  @Test
  void theAnnotationProcessorAloneLeavesTheOptionsUnread() throws IOException {
    assertThat(javac(SteelmillProcessor.class.getName(), "simulation"))
        .startsWith("failed\n").contains(UNREAD);
  }
}
