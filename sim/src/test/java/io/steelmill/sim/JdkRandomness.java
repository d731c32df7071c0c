package io.steelmill.sim;

import io.steelmill.runtime.NodeId;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The JDK's own sources of randomness, as hostile user code calls them from a simulated task
 * (each reads a JVM-wide generator, a per-thread seed from a JVM-wide counter, or the operating
 * system's entropy), and a run that traces what one returned. {@code main} prints each source's
 * run of one seed, for a fresh JVM to be compared with.
 */
final class JdkRandomness {
  static final Map<String, LongSupplier> SOURCES = sources();

  private JdkRandomness() {}

  public static void main(String[] args) {
    long seed = Long.parseLong(args[0]);
    for (String name : SOURCES.keySet()) {
      System.out.println(name + " " + run(name, seed));
    }
  }

  private static Map<String, LongSupplier> sources() {
    Map<String, LongSupplier> sources = new LinkedHashMap<>();
    sources.put("new Random()", () -> new Random().nextLong());
    sources.put("Math.random", () -> Double.doubleToLongBits(Math.random()));
    sources.put("StrictMath.random", () -> Double.doubleToLongBits(StrictMath.random()));
    sources.put("ThreadLocalRandom", () -> ThreadLocalRandom.current().nextLong());
    sources.put("ThreadLocalRandom of a child thread", JdkRandomness::childThreadLocalRandom);
    sources.put("UUID.randomUUID", () -> UUID.randomUUID().getLeastSignificantBits());
    sources.put("new SecureRandom()", () -> new SecureRandom().nextLong());
    sources.put("SecureRandom.generateSeed", () -> bits(new SecureRandom().generateSeed(8)));
    sources.put("SecureRandom.getSeed", () -> bits(SecureRandom.getSeed(8)));
    sources.put("new SplittableRandom()", () -> new SplittableRandom().nextLong());
    sources.put("RandomGenerator.getDefault", () -> RandomGenerator.getDefault().nextLong());
    sources.put("RandomGenerator.of", () -> RandomGenerator.of("Xoroshiro128PlusPlus").nextLong());
    sources.put("Collections.shuffle", JdkRandomness::shuffled);
    return sources;
  }

  /** The value {@code name} gave in a task of seed {@code seed}, and the run's trace hash. */
  static String run(String name, long seed) {
    LongSupplier source = SOURCES.get(name);
    long[] value = new long[1];
    SimResult result = Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      Thread task = sim.spawn(NodeId.of("n1"), "worker", () -> {
        try {
          sim.sleep(Duration.ofMillis(5));
          value[0] = source.getAsLong();
          sim.trace("drew " + value[0]);
          sim.sleep(Duration.ofNanos(value[0] & 0xffff)); // what it drew decides the schedule
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      task.join();
    });
    if (result.failure() != null) {
      throw new AssertionError(name + " failed the run: " + result.failure(), result.failure());
    }
    return value[0] + " " + result.traceSha256();
  }

  private static long childThreadLocalRandom() {
    long[] drawn = new long[1];
    try {
      Thread.ofVirtual().start(() -> drawn[0] = ThreadLocalRandom.current().nextLong()).join();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return drawn[0];
  }

  private static long shuffled() {
    List<Integer> list = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      list.add(i);
    }
    Collections.shuffle(list);
    return list.hashCode();
  }

  private static long bits(byte[] bytes) {
    long bits = 0;
    for (byte b : bytes) {
      bits = bits << 8 | (b & 0xff);
    }
    return bits;
  }
}
