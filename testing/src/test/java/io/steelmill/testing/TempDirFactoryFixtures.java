package io.steelmill.testing;

import io.steelmill.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

/** A configured default {@code @TempDir} factory and a test using it (see FreshInstanceTest). */
final class TempDirFactoryFixtures {
  private TempDirFactoryFixtures() {}

  /** Makes directories whose names say it made them. */
  public static final class Marked implements TempDirFactory {
    static final String PREFIX = "steelmill-marked-";

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context)
        throws Exception {
      return Files.createTempDirectory(PREFIX);
    }
  }

  /** Records every directory its field and parameter get. */
  static class UsesTheDefaultFactory {
    static final List<Path> DIRS = new CopyOnWriteArrayList<>();
    @TempDir Path dir;

    @SimulationTest(seeds = 1)
    void records(Simulation sim, @TempDir Path parameter) throws Exception {
      DIRS.add(dir);
      DIRS.add(parameter);
      sim.trace("recorded");
      sim.sleep(Duration.ofMillis(1));
    }
  }
}
