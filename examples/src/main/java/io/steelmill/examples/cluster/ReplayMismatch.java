package io.steelmill.examples.cluster;

import io.steelmill.examples.Main;
import io.steelmill.sim.SeedLine;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.SimulationException;
import io.steelmill.sim.TraceDiff;
import io.steelmill.sim.WorkerJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The report of a seed a worker JVM ran with one trace and this JVM replayed with another: a run
 * that is not deterministic. Two hashes alone say nothing of where the runs parted (a sweep once
 * failed so in CI and never again), so the report adds what each run did (its verdict, steps,
 * events, virtual time), runs the seed once more in a fresh JVM with a full trace, and names the
 * first line where that trace and this JVM's replay part, keeping both files.
 */
final class ReplayMismatch {
  /** How long the fresh JVM may take: its start, the agent and one seed, on a loaded machine. */
  static final Duration FRESH_LIMIT = Duration.ofMinutes(5);

  /** Runs one seed in a fresh JVM, writing its full trace to a file; returns its trace hash. */
  @FunctionalInterface
  interface FreshRun {
    /**
     * @return the fresh run's trace hash
     * @throws IOException or a runtime exception saying why the fresh JVM gave none
     */
    String traceSha256(long seed, Path traceFile) throws IOException, InterruptedException;
  }

  /** How {@code cluster simulate --seed} prints a run's hash. */
  private static final String HASH_LINE = "trace sha256: ";

  private final FreshRun fresh;
  private final Path folder;

  /**
   * @param fresh runs a seed in a fresh JVM
   * @param folder where the two full traces are kept (the report folder, or a new temporary one)
   */
  ReplayMismatch(FreshRun fresh, Path folder) {
    this.fresh = fresh;
    this.folder = folder;
  }

  /**
   * The exception that ends the sweep: {@code worker} is the worker's line for the seed, {@code
   * replay} this JVM's replay of it, run with a full trace.
   */
  SimulationException of(SeedLine worker, ClusterSimulation.Outcome replay) {
    SimResult here = replay.result();
    return new SimulationException("seed " + here.seed() + " gave trace "
        + worker.result().traceSha256() + " in a worker JVM and " + here.traceSha256()
        + " here: the run is not deterministic" + details(worker, replay));
  }

  /**
   * What each run did, and where a fresh JVM's full trace and this JVM's part: lines, each
   * starting with a line break, for the report of a hash that differs.
   */
  String details(SeedLine worker, ClusterSimulation.Outcome replay) {
    SimResult here = replay.result();
    StringBuilder text = new StringBuilder();
    text.append("\n  the worker's run: ").append(verdict(worker.result().passed(),
        worker.result().failure())).append(", ").append(worker.count("steps")).append(" steps, ")
        .append(worker.count("events")).append(" events, virtual time ")
        .append(Duration.ofNanos(worker.count("virtualNanos")));
    text.append("\n  this JVM's replay: ")
        .append(verdict(replay.passed(), SimulateCommand.failure(replay)))
        .append(", ").append(here.steps()).append(" steps, ").append(here.events())
        .append(" events, virtual time ").append(here.virtualTime());
    text.append("\n  ").append(againInAFreshJvm(worker, here));
    return text.toString();
  }

  /** The seed once more in a fresh JVM, and where its full trace and this JVM's part. */
  private String againInAFreshJvm(SeedLine worker, SimResult here) {
    long seed = here.seed();
    Path hereFile = folder.resolve("seed-" + seed + "-replay.trace");
    Path freshFile = folder.resolve("seed-" + seed + "-fresh-jvm.trace");
    String freshHash;
    try {
      Files.createDirectories(folder);
      Files.write(hereFile, here.fullTrace(), StandardCharsets.UTF_8);
      freshHash = fresh.traceSha256(seed, freshFile);
    } catch (IOException | RuntimeException e) {
      return "a fresh JVM could not run it again: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while a fresh JVM ran it again";
    }
    String whose = freshHash.equals(worker.result().traceSha256()) ? " (the worker's)"
        : freshHash.equals(here.traceSha256()) ? " (this JVM's)" : " (a third one)";
    String text = "a fresh JVM gave trace " + freshHash + whose + "; full traces: " + hereFile
        + " (this JVM's replay), " + freshFile + " (the fresh JVM)";
    List<String> freshLines;
    try {
      freshLines = Files.readAllLines(freshFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return text + "; the fresh JVM's trace cannot be read: " + e.getMessage();
    }
    String difference =
        TraceDiff.firstDifference(here.fullTrace(), "this JVM", freshLines, "fresh JVM");
    return text + (difference == null ? "; the two full traces are equal" : "\n  " + difference);
  }

  /**
   * Runs {@code cluster simulate --seed S --trace FILE} with {@code options} (the sweep's, which
   * decide a seed's trace) in a JVM like this one ({@link WorkerJvm}), and reads the hash it
   * prints.
   */
  static FreshRun inFreshJvm(List<String> options) {
    return (seed, traceFile) -> {
      List<String> arguments = new ArrayList<>(List.of("cluster", "simulate", "--seed",
          Long.toString(seed)));
      arguments.addAll(options);
      arguments.addAll(List.of("--trace", traceFile.toString()));
      Path out = Files.createTempFile("steelmill-fresh-jvm", ".out");
      try {
        Process process = new ProcessBuilder(WorkerJvm.command(Main.class, arguments))
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        if (!process.waitFor(FRESH_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new IOException("it did not end within " + FRESH_LIMIT.toMinutes() + " minutes");
        }
        List<String> printed = Files.readAllLines(out, StandardCharsets.UTF_8);
        return printed.stream().filter(l -> l.startsWith(HASH_LINE)).findFirst()
            .map(l -> l.substring(HASH_LINE.length()).strip())
            .orElseThrow(() -> new IOException("it printed no trace hash (exit code "
                + process.exitValue() + ")"));
      } finally {
        Files.deleteIfExists(out);
      }
    };
  }

  private static String verdict(boolean passed, String failure) {
    return passed ? "passed"
        : "failed: " + (failure == null ? "(no failure given)" : failure.lines().findFirst()
            .orElse(""));
  }
}
