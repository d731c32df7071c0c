package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A seed's trace does not depend on how the JVM makes identity hash codes. HotSpot draws them
 * from the hashing thread's xorshift state, seeded when the thread was created from a JVM-wide
 * sequence that every thread creation advances: a JVM that created other threads first (a
 * compiler thread, a sweep's reader threads) hashes otherwise, so an order that identity hashes
 * decide may agree in most JVMs and part in a few. {@code -XX:hashCode=3} makes every identity
 * hash the next number of one JVM-wide counter instead: an identity-hashed set then iterates
 * nearly in insertion order, which the default hashes almost never give. A run whose trace is the
 * same in both regimes depends on no identity-hash order; a planted one that does is caught.
 */
class IdentityHashRegimesTest {
  /** Identity hashes from a JVM-wide counter (HotSpot's experimental hashCode mode 3). */
  static final List<String> SEQUENTIAL_HASHES =
      List.of("-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=3");

  private static String freshJvm(List<String> options, String scenario) throws Exception {
    List<String> all = new java.util.ArrayList<>(options);
    all.add("-D" + JvmtiTransitions.QUIET + "=false");
    return FreshJvm.runWith(all, JvmScenarios.class, scenario, "7");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "latchHang", "identityInFailure", "lockCycle", "shutdownNow", "partition"})
  void aSeedReportsTheSameWhateverTheJvmsIdentityHashes(String scenario) throws Exception {
    String here = JvmScenarios.run(scenario, 7).report().strip();

    assertThat(freshJvm(SEQUENTIAL_HASHES, scenario)).as("identity hashes from a counter")
        .isEqualTo(here);
  }

  @Test
  void aRunThatWakesTasksInIdentityHashOrderIsCaught() throws Exception {
    String sequential = freshJvm(SEQUENTIAL_HASHES, "identityOrder");
    String xorshift = freshJvm(List.of(), "identityOrder");

    assertThat(sequential).contains("woken s/sleeper-");
    assertThat(xorshift).contains("woken s/sleeper-").isNotEqualTo(sequential);
  }
}
