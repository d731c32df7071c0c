package io.steelmill.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Moves what a seed must not depend on before the determinism check's second run in the same
 * JVM: thread ids (a JVM-wide counter that hash collections of threads and ids iterate by) and
 * the identity hash codes the next threads hand out. A run whose trace follows them differs from
 * the first; the shift varies with the seed, so no fixed offset hides a dependence.
 */
final class JvmPerturbation {
  private JvmPerturbation() {}

  /** Starts and ends some platform threads, creates some virtual ones, hashes some objects. */
  static void apply(long seed) throws InterruptedException {
    int rounds = 5 + (int) Math.floorMod(seed * 7919, 23);
    List<Object> hashed = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      // each started platform thread draws its identity hash state from the JVM's generator
      Thread thread = Thread.ofPlatform().name("steelmill-perturb-" + i)
          .start(() -> new Object().hashCode());
      thread.join();
      Thread.ofVirtual().unstarted(() -> {}).hashCode(); // a thread id, an identity hash
      Object object = new Object();
      object.hashCode();
      hashed.add(object);
    }
    if (hashed.size() != rounds) {
      throw new IllegalStateException("perturbation lost objects");
    }
  }
}
