package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hint about HotSpot's JVMTI bookkeeping of virtual-thread switches: one line, once per JVM,
 * only when the bookkeeping is on and no debugger is attached; never a change of the trace.
 */
class JvmtiTransitionsTest {
  private static final List<String> FAST = List.of(JvmtiTransitions.FLAGS.split(" "));

  /** The child JVM's program: two runs of one seed, then their hashes. */
  public static void main(String[] arguments) {
    for (int run = 0; run < 2; run++) {
      SimResult result = Simulation.builder().seed(5).build().run(() -> {
        Simulation simulation = Simulation.current();
        for (int i = 0; i < 3; i++) {
          simulation.spawn("sleeper-" + i, () -> {
            try {
              simulation.sleep(java.time.Duration.ofMillis(10));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
        }
        simulation.sleep(java.time.Duration.ofMillis(20));
      });
      System.out.println("hash " + result.traceSha256() + " failure " + result.failure());
    }
  }

  @Test
  void withoutTheFlagsTwoRunsPrintTheHintOnceInOneLine() throws Exception {
    String output = FreshJvm.runWith(List.of(), JvmtiTransitionsTest.class);
    List<String> lines = output.lines().toList();
    assertThat(lines).as(output).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(JvmtiTransitions.HINT)
        .contains("-XX:+UnlockExperimentalVMOptions -XX:-DoJVMTIVirtualThreadTransitions");
    assertThat(lines.subList(1, 3)).allMatch(line -> line.endsWith("failure null"));
    assertThat(lines.get(1)).isEqualTo(lines.get(2));
  }

  @Test
  void withTheFlagsNoHintAndTheSameTrace() throws Exception {
    String slow = FreshJvm.runWith(List.of(), JvmtiTransitionsTest.class);
    String fast = FreshJvm.runWith(FAST, JvmtiTransitionsTest.class);
    assertThat(fast.lines().toList()).as(fast).hasSize(2).noneMatch(line -> line.contains("-XX:"));
    assertThat(fast.lines().toList()).isEqualTo(slow.lines().skip(1).toList());
  }

  @Test
  void unlockedButLeftOnStillHints() throws Exception {
    String output = FreshJvm.runWith(List.of("-XX:+UnlockExperimentalVMOptions",
        "-XX:+DoJVMTIVirtualThreadTransitions"), JvmtiTransitionsTest.class);
    assertThat(output.lines().filter(JvmtiTransitions.HINT::equals)).as(output).hasSize(1);
  }

  @Test
  void noHintUnderADebugger() throws Exception {
    String output = FreshJvm.runWith(
        List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0"),
        JvmtiTransitionsTest.class);
    assertThat(output.lines().filter(line -> line.startsWith("hash "))).as(output).hasSize(2);
    assertThat(output).doesNotContain(JvmtiTransitions.HINT);
  }

  @Test
  void theBuildSilencesTheHint() throws Exception {
    // this build keeps the bookkeeping (full reports in its tests) and says so in its argLine
    assertThat(System.getProperty(JvmtiTransitions.QUIET)).isEqualTo("false");
    String output = FreshJvm.runWith(List.of("-D" + JvmtiTransitions.QUIET + "=false"),
        JvmtiTransitionsTest.class);
    assertThat(output.lines().toList()).as(output).hasSize(2).allMatch(l -> l.startsWith("hash "));
  }

  /**
   * With the flags, the JVM's thread snapshot of a task blocked on a monitor would never return
   * (JDK 25.0.3): the run must still end, reporting the monitor without naming its owner.
   */
  @Test
  void aMonitorHeldAcrossAParkEndsTheRunWithTheFlagsToo() throws Exception {
    String fast = FreshJvm.runWith(FAST, MonitorUnderFastSwitches.class);
    assertThat(fast).as(fast).contains("failure: ").contains("blocked entering synchronized")
        .contains("was not released within");
    String slow = FreshJvm.runWith(List.of(), MonitorUnderFastSwitches.class);
    assertThat(slow).as(slow).contains("blocked entering synchronized")
        .contains(" holds (it took it at");
  }
}
