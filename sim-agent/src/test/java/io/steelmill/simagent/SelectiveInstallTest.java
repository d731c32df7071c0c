package io.steelmill.simagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.probe.InstallProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Installing the agent in a fresh JVM retransforms the loaded classes that read a clock, the
 * JDK's timed waits included, and no class that reads none: the JVM's own log of redefined
 * classes ({@code -Xlog:redefine+class+load}) is the witness, not the agent's word.
 */
class SelectiveInstallTest {
  private static final Pattern REDEFINED = Pattern.compile("redefined name=([^,]+), count=");
  private static final Pattern VERBOSE = Pattern.compile("steelmill-sim-agent: installed in \\d+"
      + " ms: (\\d+) loaded classes scanned in \\d+ ms \\((\\d+) read a clock or carry a hook,"
      + " (\\d+) had no class file to read\\), those retransformed in \\d+ ms \\((\\d+)"
      + " rewritten\\), \\d+ ms to prepare");
  private static String output;
  private static List<String> redefined;

  @BeforeAll
  static void installInAFreshJvm() throws Exception {
    output = freshJvm(InstallProbe.class, "-Xlog:redefine+class+load=info",
        "-Dsteelmill.agent.verbose=true");
    redefined = new ArrayList<>();
    Matcher matcher = REDEFINED.matcher(output);
    while (matcher.find()) {
      redefined.add(matcher.group(1));
    }
  }

  @Test
  void aLoadedClassThatReadsAClockIsRewritten() {
    assertThat(output).contains("install failure: null")
        .contains("clock reader reads: " + InstallProbe.VIRTUAL);
    assertThat(redefined).contains(InstallProbe.ClockReader.class.getName());
  }

  @Test
  void theJdksTimedWaitsAndEscapeHooksAreRewritten() {
    assertThat(redefined).contains(
        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject",
        "java.util.concurrent.locks.LockSupport", "java.lang.Thread", "java.lang.Object");
  }

  @Test
  void aLoadedClassWithoutClockReadsIsNotRetransformed() {
    assertThat(output).contains("bystander answers: 42");
    assertThat(redefined).doesNotContain(InstallProbe.Bystander.class.getName(),
        InstallProbe.class.getName(), "java.lang.String", "java.util.HashMap");
  }

  @Test
  void everyRetransformedClassReadsAClockOrHasNoClassFileToTell() throws Exception {
    int unreadable = 0;
    try (ClassFiles files = new ClassFiles()) {
      for (String name : redefined) {
        Class<?> type = Class.forName(name, false, ClassLoader.getSystemClassLoader());
        byte[] classFile = files.of(type);
        if (classFile == null) {
          unreadable++;
        } else {
          assertThat(ClockReads.mayRead(classFile)
              || TimeReadRewriter.hooked(name.replace('.', '/'))).as(name).isTrue();
        }
      }
    }
    Matcher verbose = VERBOSE.matcher(output);
    assertThat(verbose.find()).as(output).isTrue();
    int scanned = Integer.parseInt(verbose.group(1));
    int readers = Integer.parseInt(verbose.group(2));
    int withoutFile = Integer.parseInt(verbose.group(3));
    assertThat(unreadable).isLessThanOrEqualTo(withoutFile);
    assertThat(redefined).hasSizeLessThanOrEqualTo(readers + withoutFile);
    assertThat(Integer.parseInt(verbose.group(4))).isGreaterThanOrEqualTo(readers - withoutFile);
    // a few percent of the loaded classes read a clock; the rest are left as they are
    assertThat(redefined.size() * 10).as(output).isLessThan(scanned);
    assertThat(output).doesNotContain("keep reading the real one");
  }

  static String freshJvm(Class<?> main, String... options)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+EnableDynamicAgentLoading");
    command.add("-Djdk.attach.allowAttachSelf=true");
    command.addAll(List.of(options));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] printed = process.getInputStream().readAllBytes(); // ends when the process does
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the fresh JVM did not end: " + command);
    }
    String text = new String(printed, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(text).isZero();
    return text;
  }
}
