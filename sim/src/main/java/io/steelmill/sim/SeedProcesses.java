package io.steelmill.sim;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs a sweep's seeds in worker JVMs, one seed at a time each, and hands their results over in
 * seed order, as {@link SeedSweep} does with threads. Worker {@code I} of {@code N} runs the seeds
 * at the indexes {@code i} with {@code i mod N = I} ({@link SeedLine#part}), so the split is
 * fixed by the seed list and the worker count alone, and prints one {@link SeedLine} per seed.
 *
 * <p>Why processes: isolation. A seed that takes its JVM down (an exhausted heap, a JVM bug)
 * ends one worker, and the sweep names it. Not speed: paired runs found that two seeds cost each
 * other the same CPU in two JVMs as in one (the machine's shared cache, BENCHMARKS.md, "Seeds in
 * parallel"), and each worker pays its own start-up and JIT warm-up. A worker is the same {@code
 * java}, the same class path and the same JVM options as this JVM ({@link WorkerCommand}).
 *
 * <p>Nothing is lost silently: a worker that exits, is killed, prints a line that is not a
 * result, reports a seed that is not its own or reports one twice ends the sweep with a {@link
 * SimulationException} naming the worker, its process id, the first seed it still owed and its
 * last lines on stderr. A worker that reports nothing for {@code quiet} while the sweep waits for
 * one of its seeds is stopped and reported the same way. On every way out, every worker is
 * stopped (after a stop result too: the seeds still running are dropped, as in-JVM).
 *
 * <p>A worker's trace hashes are checked, not only for their form: this JVM runs a deterministic
 * sample of each worker's passing seeds itself ({@link #checked}: its 1st, 4th, 16th, 64th, ...
 * result) and compares the hashes. Failing seeds the caller runs again anyway, for their
 * details. The first result of each worker catches a worker that runs another simulation than
 * this JVM would (other JVM options, class path or version: every hash it sends would be wrong,
 * and a replay command would not reproduce it); the later, ever sparser ones catch a worker whose
 * seeds come to depend on what ran before them in its JVM. It costs this JVM about 2 log4(n)
 * seeds of n; re-running every seed would cost the sweep what the workers saved, and a merge of
 * shards cannot check a hash at all (no two shards hold the same seed).
 */
public final class SeedProcesses {
  /** A trace hash as every run writes it. */
  private static final java.util.regex.Pattern SHA256 =
      java.util.regex.Pattern.compile("[0-9a-f]{64}");

  /** How long a stopped worker gets to exit before it is killed, and a killed one to go. */
  private static final Duration EXIT_GRACE = Duration.ofSeconds(5);

  private SeedProcesses() {}

  /**
   * Runs {@code seeds} on {@code workers} JVMs started by {@code command}; calls {@code inOrder}
   * on the calling thread with each decoded result, in the order of {@code seeds}. After a result
   * for which {@code stop} holds, the workers are stopped. {@code here} runs a seed in this JVM,
   * on the calling thread, for the sample of passing seeds whose hashes are checked (class
   * comment).
   *
   * @return how many results were handed over
   * @throws SimulationException if a worker could not be started, failed to report a seed, or
   *     reported a hash this JVM's run of the same seed does not give
   */
  public static <R> int run(List<Long> seeds, int workers, WorkerCommand command, Duration quiet,
      LocalRun here, Function<SeedLine, R> decode, Consumer<R> inOrder, Predicate<R> stop) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, not " + workers);
    }
    if (seeds.isEmpty()) {
      return 0;
    }
    int count = Math.min(workers, seeds.size());
    LinkedBlockingQueue<WorkerProcess.Line> lines = new LinkedBlockingQueue<>();
    List<WorkerProcess> started = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        Shard part = new Shard(i, count);
        started.add(WorkerProcess.start(part, command.of(part), lines));
      }
      int handed =
          new Merge<>(seeds, started, quiet, here, decode).handOver(lines, inOrder, stop);
      if (handed == seeds.size()) {
        for (WorkerProcess worker : started) {
          int code = worker.awaitExit(EXIT_GRACE);
          if (code != 0) {
            throw new SimulationException(worker + " reported all its seeds, then "
                + (code < 0 ? "did not exit within " + EXIT_GRACE.toSeconds() + " s"
                    : "exited with code " + code) + worker.lastWords());
          }
        }
      }
      return handed;
    } catch (IOException e) {
      throw new SimulationException("could not start a worker JVM: " + e.getMessage(), e);
    } finally {
      for (WorkerProcess worker : started) {
        worker.stop(EXIT_GRACE);
      }
    }
  }

  /** The command line of a worker: {@code java}, its options and arguments for one part. */
  @FunctionalInterface
  public interface WorkerCommand {
    List<String> of(Shard part);
  }

  /** Runs one seed in this JVM: its trace hash, as a worker reports it. */
  @FunctionalInterface
  public interface LocalRun {
    String traceSha256(long seed);

    /**
     * What to add to the report of {@code worker}'s result, whose hash this JVM's last run (of
     * the same seed) did not give: what each run did, where their traces part. Nothing by
     * default.
     */
    default String whyDiffers(SeedLine worker) {
      return "";
    }
  }

  /**
   * Whether a worker's {@code position}-th result (from 0), when it passed, is run again here:
   * the 1st, 4th, 16th, 64th, ... (position + 1 a power of 4), a fixed sample independent of
   * timing, so a sweep checks the same seeds every time it runs.
   */
  static boolean checked(long position) {
    long n = position + 1;
    return n > 0 && Long.bitCount(n) == 1 && Long.numberOfTrailingZeros(n) % 2 == 0;
  }

  /** Puts the workers' results back into seed order and checks that none is missing. */
  private static final class Merge<R> {
    private final List<Long> seeds;
    private final List<WorkerProcess> workers;
    private final long quietNanos;
    private final LocalRun here;
    private final Function<SeedLine, R> decode;
    private final Map<Long, Integer> ownerOf = new HashMap<>();
    private final Map<Long, R> early = new HashMap<>();
    private final java.util.Set<Long> reported = new java.util.HashSet<>();
    private final int[] owed;
    private final long[] reportedBy;
    private String suite;

    Merge(List<Long> seeds, List<WorkerProcess> workers, Duration quiet, LocalRun here,
        Function<SeedLine, R> decode) {
      this.seeds = seeds;
      this.workers = workers;
      this.quietNanos = quiet.toNanos();
      this.here = here;
      this.decode = decode;
      this.owed = new int[workers.size()];
      this.reportedBy = new long[workers.size()];
      for (int i = 0; i < seeds.size(); i++) {
        ownerOf.put(seeds.get(i), i % workers.size());
        owed[i % workers.size()]++;
      }
    }

    int handOver(LinkedBlockingQueue<WorkerProcess.Line> lines, Consumer<R> inOrder,
        Predicate<R> stop) {
      int handed = 0;
      while (handed < seeds.size()) {
        long due = seeds.get(handed);
        R result = early.remove(due);
        if (result != null) {
          inOrder.accept(result);
          handed++;
          if (stop.test(result)) {
            break;
          }
          continue;
        }
        WorkerProcess.Line line = poll(lines);
        if (line == null) {
          WorkerProcess owner = workers.get(ownerOf.get(due));
          if (owner.quietFor() > quietNanos) {
            throw lost(owner, due, "reported nothing for " + Duration.ofNanos(quietNanos)
                + " while seed " + due + " was due, and was stopped");
          }
        } else {
          take(line, handed);
        }
      }
      return handed;
    }

    private void take(WorkerProcess.Line line, int handed) {
      WorkerProcess worker = line.worker();
      int index = workers.indexOf(worker);
      if (line.text() == null) { // the end of its output: it exited or was killed
        if (owed[index] > 0) {
          throw lost(worker, firstOwed(index, handed), worker.exitDescription(EXIT_GRACE)
              + " with " + owed[index] + " of its seeds unreported");
        }
        return;
      }
      if (line.text() == WorkerProcess.OVERLONG) {
        throw lost(worker, firstOwed(index, handed), "printed " + WorkerProcess.OVERLONG
            + " where a result was due");
      }
      SeedLine seedLine;
      try {
        seedLine = SeedLine.decode(line.text());
      } catch (IllegalArgumentException e) {
        throw lost(worker, firstOwed(index, handed), "printed \"" + clip(line.text())
            + "\" where a result was due: " + e.getMessage());
      }
      long seed = seedLine.result().seed();
      String hash = seedLine.result().traceSha256();
      if (!SHA256.matcher(hash).matches()) {
        throw lost(worker, firstOwed(index, handed), "reported seed " + seed + " with the trace"
            + " hash \"" + clip(hash) + "\", which is not a SHA-256 (64 hex digits)");
      }
      if (suite == null) {
        suite = seedLine.result().suite();
      } else if (!suite.equals(seedLine.result().suite())) {
        throw lost(worker, firstOwed(index, handed), "reported seed " + seed + " of \""
            + clip(seedLine.result().suite()) + "\", where this sweep runs \"" + clip(suite)
            + "\" (a worker of another version or other options)");
      }
      Integer owner = ownerOf.get(seed);
      if (owner == null || owner != index) {
        throw lost(worker, firstOwed(index, handed), "reported seed " + seed
            + ", which is not one of its seeds");
      }
      if (!reported.add(seed)) {
        throw lost(worker, firstOwed(index, handed), "reported seed " + seed + " twice");
      }
      owed[index]--;
      if (checked(reportedBy[index]++) && seedLine.result().passed()) {
        checkHere(worker, seedLine);
      }
      early.put(seed, decode.apply(seedLine));
    }

    /** Runs the seed in this JVM; a hash other than the worker's ends the sweep. */
    private void checkHere(WorkerProcess worker, SeedLine line) {
      long seed = line.result().seed();
      String hash = line.result().traceSha256();
      String mine = here.traceSha256(seed);
      if (!hash.equals(mine)) {
        throw new SimulationException(worker + " reported seed " + seed + " with trace " + hash
            + ", but the same seed gives trace " + mine + " in this JVM: the worker does not run"
            + " the simulation this JVM runs (other JVM options, class path or version, or a seed"
            + " that depends on the seeds before it in one JVM); seed " + seed
            + " has no result" + worker.lastWords() + here.whyDiffers(line));
      }
    }

    /** The first seed worker {@code index} owes from {@code handed} on, or -1. */
    private long firstOwed(int index, int handed) {
      for (int i = handed; i < seeds.size(); i++) {
        if (i % workers.size() == index && !reported.contains(seeds.get(i))) {
          return seeds.get(i);
        }
      }
      return -1;
    }

    private static WorkerProcess.Line poll(LinkedBlockingQueue<WorkerProcess.Line> lines) {
      try {
        return lines.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SimulationException("interrupted while waiting for the worker JVMs' results");
      }
    }

    private static SimulationException lost(WorkerProcess worker, long seed, String what) {
      return new SimulationException(worker + " " + what + (seed < 0 ? "" : "; seed " + seed
          + " has no result") + worker.lastWords());
    }

    private static String clip(String text) {
      return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
  }
}
