package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.SimResult;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fresh-JVM half of the determinism check must never pass without having run: its child,
 * started on a class path without the JUnit launcher, reports that (and the parent fails the
 * check with a Fix) instead of exiting as if the seed had run.
 */
class FreshJvmLauncherTest {
  @Test
  void aChildWithoutTheLauncherSaysSoByItsExitCode() throws Exception {
    Set<String> classPath = new LinkedHashSet<>();
    for (Class<?> needed : List.of(FreshJvmCheck.class, SimResult.class, ExtensionContext.class)) {
      classPath.add(Path.of(needed.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString());
    }
    assertThat(classPath).noneMatch(entry -> entry.contains("junit-platform-launcher"));
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", String.join(File.pathSeparator, classPath), FreshJvmCheck.class.getName(),
        "some.Test", "method", "", "7", Path.of("unused.trace").toString())
        .redirectErrorStream(true).start();
    child.getOutputStream().close();
    String output = new String(child.getInputStream().readAllBytes());
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the child ended").isTrue();
    assertThat(child.exitValue()).as(output).isEqualTo(FreshJvmCheck.LAUNCHER_MISSING);
  }
}
