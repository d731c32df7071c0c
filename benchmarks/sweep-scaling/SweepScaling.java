import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds per second of {@code cluster simulate} with 1 job and with 2 jobs, in one JVM: a warm-up
 * sweep first (so neither job count pays the JIT's warm-up on the other's behalf), then rounds
 * that alternate 1 job and 2 jobs on the same seeds. Each run goes through the real command line
 * ({@code Main.execute}) and writes its report; every run's list of (seed, verdict, trace hash)
 * must equal the first's, so a speed-up never comes from a different trace. Besides seeds per
 * second it prints what a loaded machine cannot blur: the process's CPU time and heap allocation
 * per seed, and the collections. First it measures the machine itself: how much more a CPU-bound
 * loop does on 2 threads than on 1 (on a virtual machine whose two CPUs share a physical core,
 * that ceiling is well below 2x). Run by {@code benchmarks/sweep-scaling.sh}.
 *
 * <p>Arguments: seeds per run, rounds, warm-up seeds, the report folder. It writes the mean
 * seeds per second of its 1-job runs into {@code one-job-rate} there.
 *
 * <p>With {@code --serve} first, it is a warmed JVM that runs sweeps on command ({@link #serve}).
 *
 * <p>With {@code --process I} first (arguments: seeds, warm-up seeds, the report folder), it is one
 * of two processes that share nothing but the machine: it warms up with 1 job, writes {@code
 * ready-I}, waits for both processes' files, runs the seeds once with 1 job and prints how many
 * seconds that took. Two such processes against one warmed job tell apart what the hardware costs a
 * second carrier (caches, memory, a shared physical core) from what one JVM's sharing costs (its
 * heap and collector, JIT, JDK-wide structures): the two processes pay only the first.
 */
public final class SweepScaling {
  private static final Pattern RESULT = Pattern.compile(
      "\"seed\": (\\d+), \"passed\": (true|false), \"traceSha256\": \"([0-9a-f]+)\"");

  private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final int seeds;
  private final Path reports;
  private List<String> firstHashes;
  private int runs;

  private SweepScaling(int seeds, Path reports) {
    this.seeds = seeds;
    this.reports = reports;
  }

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--serve")) {
      serve(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
      return;
    }
    if (args[0].equals("--process")) {
      oneOfTwoProcesses(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
          Integer.parseInt(args[3]), Path.of(args[4]));
      return;
    }
    int seeds = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    SweepScaling bench = new SweepScaling(seeds, Path.of(args[3]));
    System.out.printf("machine: a CPU-bound loop on 2 threads does %.2fx the work of 1 thread"
        + " in the same time (the ceiling of any ratio below)%n", MachineCeiling.ratio());
    for (int kb : new int[] {256, 4096}) {
      System.out.printf("machine: a random walk over %,d KB per thread costs %.2fx the CPU a step"
          + " with 2 threads as with 1 (1.0: the cores share no cache at that size)%n", kb,
          SharedCache.slowdown(kb));
    }
    long start = System.nanoTime();
    bench.sweep(warmup, 2);
    System.out.printf("warm-up: %d seeds with 2 jobs in %.1f s (JIT and class loading)%n",
        warmup, (System.nanoTime() - start) / 1e9);
    double oneSeconds = 0;
    double twoSeconds = 0;
    for (int round = 1; round <= rounds; round++) {
      Run one = bench.sweep(seeds, 1);
      Run two = bench.sweep(seeds, 2);
      oneSeconds += one.seconds;
      twoSeconds += two.seconds;
      System.out.printf("round %d: 1 job %s | 2 jobs %s%n", round, one, two);
    }
    System.out.printf("ratio warmed (2 jobs / 1 job, seeds per second summed over %d rounds):"
        + " %.2fx; every seed's hash equal in all %d runs%n", rounds, oneSeconds / twoSeconds,
        bench.runs);
    Files.writeString(bench.reports.resolve("one-job-rate"),
        String.format("%.2f%n", rounds * seeds / oneSeconds));
  }

  /**
   * A warmed JVM that runs sweeps when told, for {@code benchmarks/sweep-pairs.sh}: it warms up
   * with {@code warmupJobs} jobs, writes {@code ready-NAME}, then for K = 1, 2, ... waits for a
   * file {@code go-NAME-K} holding "SEEDS JOBS", runs that sweep and writes its figures to {@code
   * done-NAME-K}; a file {@code quit} ends it. Several such JVMs, alive at once and told in turn,
   * compare one JVM with 2 jobs against two JVMs of 1 job in the same minutes.
   */
  private static void serve(String name, int warmup, int warmupJobs, Path dir) throws Exception {
    SweepScaling bench = new SweepScaling(warmup, dir.resolve(name));
    bench.sweep(warmup, warmupJobs);
    Files.writeString(dir.resolve("ready-" + name), "");
    long idleSince = System.nanoTime();
    for (int k = 1; ; k++) {
      Path go = dir.resolve("go-" + name + "-" + k);
      while (!Files.exists(go)) {
        if (Files.exists(dir.resolve("quit"))
            || System.nanoTime() - idleSince > 3_600_000_000_000L) { // an hour: orphaned
          return;
        }
        Thread.sleep(2);
      }
      String[] order = Files.readString(go).trim().split(" ");
      Run run = bench.sweep(Integer.parseInt(order[0]), Integer.parseInt(order[1]));
      Path done = dir.resolve("done-" + name + "-" + k);
      Path partial = dir.resolve("done-" + name + "-" + k + ".tmp");
      Files.writeString(partial, String.format(
          "%.3f %.2f %s%n", run.seconds, run.cpuMillisPerSeed, run));
      Files.move(partial, done, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      idleSince = System.nanoTime();
    }
  }

  /** See the class comment: one of two warmed 1-job processes started together. */
  private static void oneOfTwoProcesses(int index, int seeds, int warmup, Path reports)
      throws Exception {
    SweepScaling bench = new SweepScaling(seeds, reports.resolve("process-" + index));
    bench.sweep(warmup, 1);
    Files.writeString(reports.resolve("ready-" + index), "");
    long deadline = System.nanoTime() + 600_000_000_000L; // the other's warm-up: ten minutes
    Path ready0 = reports.resolve("ready-0");
    Path ready1 = reports.resolve("ready-1");
    while (!(Files.exists(ready0) && Files.exists(ready1))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the other process was not ready within 10 minutes");
      }
      Thread.sleep(5);
    }
    Run run = bench.sweep(seeds, 1);
    System.out.printf("%.3f%n", run.seconds); // the script takes the longer of the two
    System.err.printf("process %d: %s%n", index, run);
  }

  /** One sweep of {@code count} seeds through the command line, its report checked. */
  private Run sweep(int count, int jobs) throws IOException {
    Path dir = reports.resolve("run-" + ++runs);
    long gcCount = collections();
    long gcMillis = collectionMillis();
    long cpu = os.getProcessCpuTime();
    long allocated = threads.getTotalThreadAllocatedBytes();
    long[] background = Background.cpuNanos();
    long[] machine = Machine.ticks();
    PrintStream out = System.out;
    PrintStream err = System.err;
    long start = System.nanoTime();
    int exit;
    try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
      System.setOut(quiet);
      System.setErr(quiet);
      exit = io.steelmill.examples.Main.execute("cluster", "simulate", "--seeds",
          String.valueOf(count), "--jobs", String.valueOf(jobs), "--report-dir", dir.toString());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] backgroundAfter = Background.cpuNanos();
    long[] machineAfter = Machine.ticks();
    double ownCores = (os.getProcessCpuTime() - cpu) / 1e9 / seconds;
    double busyCores = (machineAfter[0] - machine[0]) / 100.0 / seconds;
    double idleCores = (machineAfter[1] - machine[1]) / 100.0 / seconds;
    Run run = new Run(count, seconds, ownCores, Math.max(0, busyCores - ownCores), idleCores,
        (os.getProcessCpuTime() - cpu) / 1e6 / count,
        (backgroundAfter[0] - background[0]) / 1e6 / count,
        (backgroundAfter[1] - background[1]) / 1e6 / count,
        (threads.getTotalThreadAllocatedBytes() - allocated) / 1e6 / count,
        collections() - gcCount, collectionMillis() - gcMillis);
    if (exit != 0) {
      throw new IllegalStateException("the sweep exited with " + exit + ": see " + dir);
    }
    checkHashes(dir, count);
    return run;
  }

  /** Every run's (seed, verdict, hash) list equals the earlier runs', seed for seed. */
  private void checkHashes(Path dir, int count) throws IOException {
    List<String> hashes = new ArrayList<>();
    Matcher results = RESULT.matcher(Files.readString(dir.resolve("results.json")));
    while (results.find()) {
      hashes.add(results.group(1) + " " + results.group(2) + " " + results.group(3));
    }
    if (hashes.size() != count) {
      throw new IllegalStateException(dir + " has " + hashes.size() + " results, not " + count);
    }
    List<String> earlier = firstHashes == null ? List.of() : firstHashes;
    int common = Math.min(earlier.size(), count);
    for (int i = 0; i < common; i++) {
      if (!earlier.get(i).equals(hashes.get(i))) {
        throw new IllegalStateException("hashes differ in " + dir + ": " + hashes.get(i)
            + " where an earlier run had " + earlier.get(i));
      }
    }
    if (count > earlier.size()) {
      firstHashes = hashes; // the longest list so far: later runs compare with it
    }
  }

  private static long collections() {
    long count = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
    }
    return count;
  }

  private static long collectionMillis() {
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      millis += Math.max(0, gc.getCollectionTime());
    }
    return millis;
  }

  /** What one sweep measured. */
  private record Run(int seeds, double seconds, double ownCores, double otherCores,
      double idleCores, double cpuMillisPerSeed, double jitMillisPerSeed, double gcMillisPerSeed,
      double megabytesPerSeed, long collections, long collectionMillis) {
    @Override
    public String toString() {
      return String.format("%.2f seeds/s (%.2f s; a seed: %.1f CPU ms, of which JIT %.1f and GC"
          + " %.1f, %.2f MB allocated; %d GCs, %d ms; cores: this JVM %.2f, other processes"
          + " %.2f, idle %.2f)", seeds / seconds, seconds, cpuMillisPerSeed, jitMillisPerSeed,
          gcMillisPerSeed, megabytesPerSeed, collections, collectionMillis, ownCores,
          otherCores, idleCores);
    }
  }

  /**
   * The whole machine's CPU from Linux's {@code /proc/stat}: what other processes took while a
   * sweep ran (a 2-job sweep shares the cores with them, a 1-job sweep mostly does not, so any
   * of it biases the ratio down), and what stayed idle (with 2 jobs: seeds waiting on each
   * other). Zeros where there is no such file.
   */
  private static final class Machine {
    /** {busy, idle} ticks of all CPUs (USER_HZ 100); steal counts as busy. */
    static long[] ticks() {
      try {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < fields.length && i <= 8; i++) {
          if (i != 4 && i != 5) { // idle, iowait
            busy += Long.parseLong(fields[i]);
          }
        }
        return new long[] {busy, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
      } catch (IOException | RuntimeException e) {
        return new long[2];
      }
    }
  }

  /**
   * The CPU time of the JVM's own threads that work beside the seeds: the JIT's compiler threads
   * and the collector's (with the VM thread, where safepoint work and a serial collector run),
   * from Linux's per-thread counters; zeros where there are none. A job gets this for free on an
   * idle second core, and two jobs must share the cores with it.
   */
  private static final class Background {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ 100

    /** {JIT, GC} CPU nanoseconds of the threads alive now. */
    static long[] cpuNanos() {
      long[] sums = new long[2];
      Path tasks = Path.of("/proc/self/task");
      if (!Files.isDirectory(tasks)) {
        return sums;
      }
      try (var threads = Files.list(tasks)) {
        for (Path thread : (Iterable<Path>) threads::iterator) {
          add(thread.resolve("stat"), sums);
        }
      } catch (IOException e) {
        return new long[2];
      }
      return sums;
    }

    private static void add(Path stat, long[] sums) {
      String line;
      try {
        line = Files.readString(stat);
      } catch (IOException e) {
        return; // the thread ended meanwhile
      }
      int open = line.indexOf('(');
      int close = line.lastIndexOf(')');
      String name = line.substring(open + 1, close);
      String[] fields = line.substring(close + 2).split(" ");
      long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
      if (name.contains("CompilerThre")) {
        sums[0] += nanos;
      } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")
          || name.equals("VM Thread")) {
        sums[1] += nanos;
      }
    }
  }

  /**
   * What a second busy core costs a thread that walks memory: CPU time per step of a random walk
   * over {@code kb} per thread, with 2 threads against 1. A seed's CPU cost rises with a second
   * seed running (BENCHMARKS.md) while the register-only loop of {@link MachineCeiling} does not
   * slow down; a slowdown here at 256 KB says the two CPUs share a core's private caches (SMT
   * siblings on the host), at 4 MB that they share a last-level cache too small for both.
   */
  private static final class SharedCache {
    private static final long STEPS = 30_000_000L;
    private static volatile int sink;

    static double slowdown(int kb) throws InterruptedException {
      double one = Math.min(nanosPerStep(1, kb), nanosPerStep(1, kb));
      double two = Math.min(nanosPerStep(2, kb), nanosPerStep(2, kb));
      return two / one;
    }

    /** CPU nanoseconds per step, the mean of {@code count} threads walking at once. */
    private static double nanosPerStep(int count, int kb) throws InterruptedException {
      java.lang.management.ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      double[] perStep = new double[count];
      List<Thread> walkers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        walkers.add(Thread.ofPlatform().start(() -> {
          int[] next = cycle(kb * 256, 42 + index);
          sink = walk(next, STEPS / 10);
          long start = cpu.getCurrentThreadCpuTime();
          sink = walk(next, STEPS);
          perStep[index] = (cpu.getCurrentThreadCpuTime() - start) / (double) STEPS;
        }));
      }
      double sum = 0;
      for (int i = 0; i < count; i++) {
        walkers.get(i).join();
        sum += perStep[i];
      }
      return sum / count;
    }

    /** A random cyclic permutation of {@code n} slots (Sattolo's algorithm): next[i] follows i. */
    private static int[] cycle(int n, long seed) {
      int[] next = new int[n];
      for (int i = 0; i < n; i++) {
        next[i] = i;
      }
      java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i);
        int swap = next[i];
        next[i] = next[j];
        next[j] = swap;
      }
      return next;
    }

    private static int walk(int[] next, long steps) {
      int at = 0;
      for (long i = 0; i < steps; i++) {
        at = next[at];
      }
      return at;
    }
  }

  /**
   * How much more a CPU-bound loop (no allocation, no shared memory) gets done on 2 threads than
   * on 1 in the same time: what this machine's two CPUs can give any program.
   */
  private static final class MachineCeiling {
    private static final long ITERATIONS = 300_000_000L;
    private static volatile long sink;

    static double ratio() throws InterruptedException {
      spin(ITERATIONS / 10); // compiled before it is timed
      double one = timed(1);
      double two = timed(2);
      one = Math.min(one, timed(1));
      two = Math.min(two, timed(2));
      return 2 * one / two;
    }

    /** Seconds for {@code count} threads to each run the loop once. */
    private static double timed(int count) throws InterruptedException {
      List<Thread> workers = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        workers.add(Thread.ofPlatform().start(() -> spin(ITERATIONS)));
      }
      for (Thread worker : workers) {
        worker.join();
      }
      return (System.nanoTime() - start) / 1e9;
    }

    /** A SplitMix64-style mixing loop: registers only. */
    private static void spin(long iterations) {
      long state = iterations;
      long mixed = 0;
      for (long i = 0; i < iterations; i++) {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        mixed ^= z ^ (z >>> 31);
      }
      sink = mixed;
    }
  }
}
