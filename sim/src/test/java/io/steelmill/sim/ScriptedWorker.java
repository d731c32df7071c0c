package io.steelmill.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A worker JVM for {@link SeedProcessesTest} that misbehaves on demand: {@code main(behaviour,
 * seeds, part)} prints a {@link SeedLine} for each seed of its part, the hash derived from the
 * seed alone, after {@code millis} of work, and does what {@code behaviour} says to worker 1
 * ({@code lies-from-K}: from its K-th result on, a well-formed hash that is not the seed's).
 */
public final class ScriptedWorker {
  private ScriptedWorker() {}

  public static void main(String[] args) throws Exception {
    String behaviour = args[0];
    long millis = Long.parseLong(args[1]);
    List<Long> seeds = new ArrayList<>();
    for (String seed : args[2].split(",")) {
      seeds.add(Long.parseLong(seed));
    }
    Shard part = Shard.parse(args[3]);
    boolean misbehaves = part.index() == 1;
    List<Long> mine = SeedLine.part(seeds, part);
    for (int i = 0; i < mine.size(); i++) {
      long seed = mine.get(i);
      if (misbehaves && i == 2) {
        switch (behaviour) {
          case "dies" -> {
            System.err.println("worker 1 is going down at seed " + seed);
            Runtime.getRuntime().halt(3);
          }
          case "hangs" -> Thread.sleep(Long.MAX_VALUE);
          case "strays" -> System.out.println("a line that is not a result");
          case "garbles" -> System.out.println(SeedLine.PREFIX + "{\"seed\": " + seed);
          case "foreign" -> System.out.println(line(seeds.get(0)).encode());
          case "twice" -> System.out.println(line(mine.get(0)).encode());
          case "chatters" -> {
            while (true) { // busy forever, saying so, never reporting its seed
              System.out.println("still working on seed " + seed);
              Thread.sleep(20);
            }
          }
          case "floods" -> {
            byte[] chunk = "x".repeat(1 << 16).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            while (true) { // one line without end
              System.out.write(chunk);
            }
          }
          case "floods-stderr" -> {
            byte[] chunk = "y".repeat(1 << 16).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int k = 0; k < 64; k++) { // 4 MiB without a line break, then its results
              System.err.write(chunk);
            }
            System.err.flush();
          }
          case "bad-hash" -> {
            SeedResult r = line(seed).result();
            System.out.println(new SeedLine(new SeedResult(r.suite(), seed, r.passed(),
                "not-a-hash", r.failure(), r.replay(), r.wallNanos()), Map.of()).encode());
            return;
          }
          case "other-suite" -> {
            SeedResult r = line(seed).result();
            System.out.println(new SeedLine(new SeedResult("scripted --other", seed, r.passed(),
                r.traceSha256(), r.failure(), r.replay(), r.wallNanos()), Map.of()).encode());
            return;
          }
          default -> { }
        }
      }
      Thread.sleep(millis);
      if (misbehaves && behaviour.startsWith("lies-from-")
          && i >= Integer.parseInt(behaviour.substring("lies-from-".length()))) {
        // a hash of the right form, but not the one this seed gives: another seed's
        SeedResult r = line(seed).result();
        System.out.println(new SeedLine(new SeedResult(r.suite(), seed, r.passed(),
            hash(seed + 1000), r.failure(), r.replay(), r.wallNanos()), Map.of()).encode());
        continue;
      }
      System.out.println(line(seed).encode());
      System.out.flush();
    }
    if (misbehaves && behaviour.equals("fails-at-exit")) {
      System.exit(4);
    }
  }

  /** The line a correct worker prints for {@code seed}. */
  static SeedLine line(long seed) {
    return new SeedLine(new SeedResult("scripted", seed, seed % 5 != 0, hash(seed),
        seed % 5 != 0 ? null : "seed " + seed + " \"fails\"\nsecond line", null, seed),
        Map.of("seed", seed));
  }

  /** A hash of the form every run's has: 64 hex digits, derived from the seed. */
  static String hash(long seed) {
    SplitMix64 random = new SplitMix64(seed);
    StringBuilder hash = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      hash.append(String.format("%016x", random.nextLong()));
    }
    return hash.toString();
  }
}
