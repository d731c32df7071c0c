package io.steelmill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard output that cannot be written: the command line run in a child JVM (as a user runs
 * it) with its standard output on {@code /dev/full}, a real device where every write fails with
 * "No space left on device". {@code System.out} swallows write errors, so every command said
 * nothing and exited 0 with its output gone (a sweep's verdict redirected to a full disk, lost
 * without a word). Now: exit code 1 and one line on stderr with a Fix; the same commands with
 * standard output on a real file still exit 0 and the file holds their output.
 */
class CliOutputHostileTest {
  private static final File FULL = new File("/dev/full");

  @TempDir Path temp;

  private record Child(int code, String err) {}

  private static Child run(File stdout, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElseThrow(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Process child = new ProcessBuilder(command).redirectOutput(stdout).start();
    child.getOutputStream().close();
    byte[] err = child.getErrorStream().readAllBytes();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("%s ended", List.of(args)).isTrue();
    return new Child(child.exitValue(), new String(err, StandardCharsets.UTF_8));
  }

  private static List<String[]> commands() {
    return List.of(new String[] {"--version"}, new String[] {"--help"},
        new String[] {"cluster", "--help"}, new String[] {"hello", "--daemon", "alice"},
        new String[] {"hello", "--daemon", "alice", "--daemon", "bob"});
  }

  @Test
  void aFullStandardOutputIsAFailureSaidInOneLine() throws Exception {
    Assumptions.assumeTrue(FULL.exists() && FULL.canWrite(), "needs Linux's /dev/full");
    for (String[] args : commands()) {
      Child child = run(FULL, args);
      assertThat(child.code()).as("%s: %s", List.of(args), child.err()).isEqualTo(Cli.FAILURE);
      assertThat(child.err()).as("%s", List.of(args))
          .contains("standard output could not be written")
          .contains("Fix:")
          .doesNotContain("\tat ")
          .doesNotContain("Exception");
    }
  }

  @Test
  void aWritableStandardOutputIsNotAFailure() throws Exception {
    for (String[] args : commands()) {
      File out = Files.createTempFile(temp, "out", ".txt").toFile();
      Child child = run(out, args);
      assertThat(child.code()).as("%s: %s", List.of(args), child.err()).isZero();
      assertThat(child.err()).doesNotContain("standard output could not be written");
      assertThat(Files.size(out.toPath())).as("%s", List.of(args)).isPositive();
    }
  }
}
