package io.steelmill.testing;

import io.steelmill.sim.Simulation;
import java.io.File;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulation tests that keep state in their test instance, as JUnit allows (a fresh instance per
 * invocation), run only by {@link HarnessRedTeam15bTest}.
 */
final class InstanceStateFixtures {
  private InstanceStateFixtures() {}

  /** A log in a field, filled by {@code @BeforeEach} and the body: deterministic per instance. */
  static class KeepsALogInItsInstance {
    private final List<String> log = new ArrayList<>();
    private int setUps;
    @TempDir Path scratch;

    @BeforeEach
    void setUp(TestInfo info) {
      setUps++;
      log.add("set up " + info.getDisplayName());
    }

    @AfterEach
    void tearDown() {
      log.clear();
    }

    @SimulationTest(seeds = 2)
    void logs(Simulation sim) throws Exception {
      if (setUps != 1 || scratch == null) {
        throw new AssertionError("set up " + setUps + " times, scratch " + scratch);
      }
      for (int i = 0; i < 3; i++) {
        log.add("tick");
        sim.trace("log holds " + log.size());
        sim.sleep(Duration.ofMillis(1));
      }
    }
  }

  /** The same in a nested class, whose instance needs its enclosing one. */
  static class Outer {
    final List<String> outerLog = new ArrayList<>();

    @Nested
    class Inner {
      private final List<String> log = new ArrayList<>();

      @SimulationTest(seeds = 1)
      void logs(Simulation sim) throws Exception {
        log.add("tick");
        sim.trace("log holds " + log.size() + ", outer " + outerLog.size());
        sim.sleep(Duration.ofMillis(1));
      }
    }
  }

  /**
   * Fails only when its fault set is right and its instance is fresh: a counter in the instance
   * decides whether the failure shows, so a shrink replay on the first run's instance saw
   * another test.
   */
  static class FailsOnItsFirstAttempt {
    private int attempts;

    @SimulationTest(seeds = 1, checkDeterminism = false)
    void fails(Simulation sim) throws Exception {
      attempts++;
      sim.sleep(Duration.ofMillis(1));
      if (attempts == 1) {
        throw new AssertionError("failed at attempt " + attempts);
      }
    }
  }

  /** A field annotation no extension handles: what a user's own annotation looks like. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  @interface Marked {}

  /**
   * Creates one file of a fixed name in each of its temporary directories (two fields, one a
   * File, and a parameter): a rerun handed the first run's directories found the file there.
   */
  static class CreatesAFixedFileInItsTempDirs {
    static final List<Path> DIRS = new CopyOnWriteArrayList<>();
    @TempDir Path dir;
    @TempDir File oldStyle;

    @SimulationTest(seeds = 1)
    void creates(Simulation sim, @TempDir Path parameter) throws Exception {
      for (Path each : List.of(dir, oldStyle.toPath(), parameter)) {
        Files.createFile(each.resolve("data"));
        DIRS.add(each);
      }
      sim.trace("created");
      sim.sleep(Duration.ofMillis(1));
    }
  }

  /** Sets {@link KeepsWhatItsConstructorSet#injected}, as an extension injecting a mock does. */
  static final class Injects implements TestInstancePostProcessor {
    @Override
    public void postProcessTestInstance(Object instance, ExtensionContext context) {
      ((KeepsWhatItsConstructorSet) instance).injected = "injected";
    }
  }

  /** Counts its instances' opening and closing. */
  static final class Resource implements AutoCloseable {
    static final AtomicInteger OPENED = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();
    boolean closed;

    Resource() {
      OPENED.incrementAndGet();
    }

    @Override
    public void close() {
      closed = true;
      CLOSED.incrementAndGet();
    }
  }

  /**
   * Annotated fields its initializers set (a log, an auto-closed resource) and one an extension
   * sets: a rerun that took the first run's values over its own logged on the first run's log.
   */
  @ExtendWith(Injects.class)
  static class KeepsWhatItsConstructorSet {
    @Marked List<String> log = new ArrayList<>();
    @Marked String injected;
    @AutoClose Resource resource = new Resource();

    @SimulationTest(seeds = 1)
    void logs(Simulation sim) throws Exception {
      if (injected == null || resource.closed) {
        throw new AssertionError("injected " + injected + ", resource closed " + resource.closed);
      }
      for (int i = 0; i < 3; i++) {
        log.add("tick");
        sim.trace("log holds " + log.size());
        sim.sleep(Duration.ofMillis(1));
      }
    }
  }

  /** A per-class outer whose non-static {@code @BeforeAll} sets state its nested tests read. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class SharedOuter {
    String ready;

    @BeforeAll
    void init() {
      ready = "ready";
    }

    @Nested
    class PerMethodInner {
      private final List<String> log = new ArrayList<>();

      @SimulationTest(seeds = 1)
      void readsTheOuter(Simulation sim) throws Exception {
        if (ready == null) {
          throw new AssertionError("the outer's @BeforeAll state is lost");
        }
        log.add("tick");
        sim.trace("outer " + ready + ", log holds " + log.size());
        sim.sleep(Duration.ofMillis(1));
      }
    }
  }

  /** A per-class test counting its setups and teardowns: each setup has one teardown. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class SharedAndBalanced {
    static final AtomicInteger BEFORE = new AtomicInteger();
    static final AtomicInteger AFTER = new AtomicInteger();
    private int open;

    @BeforeEach
    void setUp() {
      BEFORE.incrementAndGet();
      open++;
    }

    @AfterEach
    void tearDown() {
      AFTER.incrementAndGet();
      open--;
    }

    @SimulationTest(seeds = 2)
    void runs(Simulation sim) throws Exception {
      if (open != 1) {
        throw new AssertionError("set up " + open + " times without a teardown");
      }
      sim.trace("open " + open);
      sim.sleep(Duration.ofMillis(1));
    }
  }
}
