package io.steelmill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.internal.Bindings;
import io.steelmill.runtime.internal.FactoryCore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Building a graph makes no {@code VarHandle}: the first one a JVM makes costs it milliseconds,
 * which a fresh JVM's first build would pay. The handles of the fields made on first use (a
 * node's lifecycle lock, signal and children; a factory's lock waiters) live in holder classes
 * that load only when those fields are first needed; so does the default grace period (a
 * {@code Duration}, which a JVM does not load while starting), and the factory's lock is an
 * {@code AtomicInteger}, which it does (a field updater cost the first build its reflection).
 * Checked in a fresh JVM, from its class loading log.
 */
class LazyHandlesTest {
  private static final String MARK = "--- built ---";

  /** Builds a chain of three in a node, prints {@link #MARK}, then starts and closes it. */
  public static void main(String[] args) {
    Node node =
        new Node(new FactoryCore("fresh", Bindings.of("daemon - A\ndaemon - B\ndaemon - C\n")),
            null) {
          @Override
          protected Object construct(int id) {
            return id == 0 ? List.of() : List.of(get(id - 1));
          }
        };
    node.get(2);
    System.out.println(MARK);
    System.out.flush();
    node.start();
    node.close();
  }

  @Test
  void buildingMakesNoHandleAndStartingMakesThem() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = Files.createTempFile("lazy-handles", ".log");
    try {
      Process process =
          new ProcessBuilder(java.toString(), "-Xlog:class+load=info:stdout",
                  "-cp", System.getProperty("java.class.path"), LazyHandlesTest.class.getName())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean ended = process.waitFor(120, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(ended).as("the fresh JVM ended within 120 s: " + out).isTrue();
      assertThat(process.exitValue()).as(out).isZero();
      check(out);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static void check(String out) {
    int mark = out.indexOf(MARK);
    assertThat(mark).as(out).isPositive();
    String building = out.substring(0, mark);
    String after = out.substring(mark);

    assertThat(building).contains("io.steelmill.runtime.internal.FactoryCore ");
    assertThat(building)
        .as("a node that is only built makes no lifecycle state (NodeStatus): a child made per"
            + " lease or request and dropped costs a few references")
        .doesNotContain("io.steelmill.runtime.NodeStatus ");
    assertThat(building).doesNotContain("io.steelmill.runtime.NodeStatus$Handles")
        .doesNotContain("io.steelmill.runtime.internal.FactoryCore$Waiting");
    assertThat(building)
        .as("the lock word is the core's own AtomicInteger: no updater, so no reflection")
        .doesNotContain("java.util.concurrent.atomic.AtomicReferenceFieldUpdater");
    assertThat(building)
        .as("a node with the default grace period needs no Duration before it starts")
        .doesNotContain("io.steelmill.runtime.GracePeriods");
    assertThat(after)
        .as("start() needs the lifecycle lock")
        .contains("io.steelmill.runtime.NodeStatus$Handles");
    assertThat(after).as("start() waits at most the grace period")
        .contains("io.steelmill.runtime.GracePeriods");
  }
}
