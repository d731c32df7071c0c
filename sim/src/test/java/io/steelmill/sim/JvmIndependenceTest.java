package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A seed's trace hash and report are the same in this JVM, after the JVM's own counters moved on
 * (thread ids, identity hashes of a new carrier), and in a fresh JVM (its own {@code Set.of}
 * salt). Issue 14, items 1 and 3.
 */
class JvmIndependenceTest {

  /** Moves what the seed does not decide: thread ids, identity hashes, the hash generator. */
  static void perturb(int rounds) throws InterruptedException {
    List<Object> objects = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      Thread thread = Thread.ofPlatform().start(() -> new Object().hashCode());
      thread.join();
      Thread.ofVirtual().unstarted(() -> {}).hashCode();
      objects.add(new Object());
    }
    Set<Object> hashed = new HashSet<>(objects);
    assertThat(hashed).hasSize(rounds);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "latchHang", "identityInFailure", "lockCycle", "shutdownNow", "partition"})
  void aSeedReportsTheSameInThisJvmAfterPerturbingAndInAFreshJvm(String scenario) throws Exception {
    SimResult first = JvmScenarios.run(scenario, 7);
    perturb(37);
    SimResult second = JvmScenarios.run(scenario, 7);
    String fresh = FreshJvm.run(JvmScenarios.class, scenario, "7");

    assertThat(second.report()).as("second run in this JVM").isEqualTo(first.report());
    assertThat(second.traceSha256()).isEqualTo(first.traceSha256());
    assertThat(fresh).as("a fresh JVM").isEqualTo(first.report().strip());
    assertThat(first.report()).doesNotContainPattern("[A-Za-z]@[0-9a-f]{4,8}\\b")
        .doesNotContain("/0x").doesNotContain("VirtualThread-unblocker")
        .doesNotContainPattern("Thread\\[#\\d");
  }

  @ParameterizedTest
  @ValueSource(strings = {"latchHang", "identityInFailure", "lockCycle"})
  void failingSeedsFailWithStableNames(String scenario) {
    SimResult result = JvmScenarios.run(scenario, 3);
    assertThat(result.succeeded()).isFalse();
    String report = result.report();
    switch (scenario) {
      case "latchHang" -> assertThat(report).contains("Hang:").contains("CountDownLatch$Sync#1");
      case "identityInFailure" -> assertThat(report)
          .contains("stuck on java.lang.Object#1 after VirtualThread[#t1,a/worker]")
          .contains("token java.lang.Object#1 worker VirtualThread[#t1,a/worker]");
      default -> assertThat(report).contains("Deadlock: 2 tasks");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"shutdownNow", "partition"})
  void passingSeedsPass(String scenario) {
    SimResult result = JvmScenarios.run(scenario, 3);
    assertThat(result.failure()).isNull();
  }
}
