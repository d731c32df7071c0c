package io.steelmill.testing;

import io.steelmill.sim.SeedResult;
import io.steelmill.sim.Shard;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.SweepReport;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every seed that simulation tests ran in one test run (one JVM), written when the run ends as a
 * sweep report: {@code results.json}, {@code failing-seeds.json} (with replay commands) and
 * {@code junit.xml}, in {@code target/steelmill-reports/sweep} or {@code -Dsteelmill.reportDir}.
 * The reports of a run's shards combine with {@code merge-results}. Seeds running in parallel
 * add to it at once; it is kept in the root context's store, so the run closes it once.
 */
final class SeedResults implements AutoCloseable {
  static final String REPORT_DIR_PROPERTY = "steelmill.reportDir";
  /** The longest a test JVM waits for another to finish writing the report directory. */
  private static final Duration LOCK_WAIT = Duration.ofSeconds(30);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SeedResults.class);

  private final SweepReport report;
  private final Path directory;

  private SeedResults(Shard shard, String sweep, Path directory) {
    this.report = new SweepReport(shard, sweep);
    this.directory = directory;
  }

  /** The results of the run {@code context} belongs to. */
  static SeedResults of(ExtensionContext context, Shard shard) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
        SeedResults.class,
        key -> new SeedResults(shard, sweep(context), Path.of(SimulationExtension.setting(context,
            REPORT_DIR_PROPERTY, "target/steelmill-reports/sweep"))),
        SeedResults.class);
  }

  /** Records a seed's run; {@code failure}, when not null, fails it even if the run passed. */
  void add(ExtensionContext context, SimResult result, String failure) {
    String replay = SimReport.replay(context, result.seed());
    SeedResult seed = SeedResult.of(suite(context), result, replay);
    if (failure != null) {
      seed = new SeedResult(seed.suite(), seed.seed(), false, seed.traceSha256(), failure, replay,
          seed.wallNanos());
    }
    report.add(seed);
  }

  /**
   * The settings every shard of one run shares and that decide which seeds run and how: shards
   * run with different {@code -Dsteelmill.seeds} or {@code -Dsteelmill.faults} are not parts of
   * one run, and merging them is refused.
   */
  private static String sweep(ExtensionContext context) {
    return "simulation tests with -D" + SimulationExtension.SEEDS_PROPERTY + "="
        + SimulationExtension.setting(context, SimulationExtension.SEEDS_PROPERTY, "(annotated)")
        + " -D" + SimulationExtension.FAULTS_PROPERTY + "="
        + SimulationExtension.setting(context, SimulationExtension.FAULTS_PROPERTY, "(all)");
  }

  static String suite(ExtensionContext context) {
    return context.getRequiredTestClass().getName() + "#"
        + context.getRequiredTestMethod().getName();
  }

  /**
   * Writes the report, keeping what other test JVMs of the build wrote into the same directory
   * ({@code -Dsteelmill.reportDir} given to every module): the results of a report of this run's
   * sweep, shard and version, but of suites (test methods) this run did not run; this run's own
   * suites replace their earlier results. A lock file serializes the test JVMs of a parallel
   * build (-T). A report of another sweep or shard is replaced, as before, and so is one an
   * earlier build wrote ({@link #buildStart}): a partial rerun ({@code -Dtest=...}) into a fixed
   * directory must not report the seeds of tests it did not run, from code that has changed
   * since.
   */
  @Override
  public void close() {
    try {
      Files.createDirectories(directory);
      try (FileChannel channel = FileChannel.open(directory.resolve("results.lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = lock(channel, LOCK_WAIT);
        if (lock == null) {
          System.err.println("steelmill: " + directory.resolve("results.lock").toAbsolutePath()
              + " stayed locked for " + LOCK_WAIT.toSeconds() + " s (another test JVM writing, or"
              + " one that hangs): this run's seed report replaces the one there");
          report.write(directory);
          return;
        }
        try {
          keepOtherJvms();
          report.write(directory);
        } finally {
          lock.release();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.err.println("steelmill: interrupted while waiting to write the seed report into "
          + directory.toAbsolutePath());
    } catch (IOException e) {
      System.err.println("steelmill: could not write the seed report into "
          + directory.toAbsolutePath() + ": " + e);
    }
  }

  /**
   * The report directory's lock, taken within {@code wait}, or null: another test JVM writes a
   * report in milliseconds, so a lock held longer belongs to one that hangs.
   */
  static FileLock lock(FileChannel channel, Duration wait)
      throws IOException, InterruptedException {
    long end = System.nanoTime() + wait.toNanos();
    while (true) {
      try {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          return lock;
        }
      } catch (OverlappingFileLockException heldInThisJvm) {
        // another thread of this JVM writes its report: wait for it as for another JVM
      }
      if (System.nanoTime() - end >= 0) {
        return null;
      }
      Thread.sleep(10);
    }
  }

  /**
   * When the build this test JVM belongs to started: the start of its nearest ancestor that is a
   * JVM (Maven, whose surefire starts test JVMs through a shell), or null when there is none or
   * the system does not say. A report written before it is an earlier build's. A build tool that
   * stays up across builds (the Gradle daemon, mvnd, an IDE) started before all of them, so there
   * an earlier build's report is kept: give each build its own {@code steelmill.reportDir}.
   */
  static Instant buildStart() {
    Optional<ProcessHandle> ancestor = ProcessHandle.current().parent();
    for (int depth = 0; ancestor.isPresent() && depth < 8; depth++) {
      ProcessHandle.Info info = ancestor.get().info();
      String command = info.command().orElse("");
      if (command.endsWith("/java") || command.endsWith("\\java.exe")) {
        return info.startInstant().orElse(null);
      }
      ancestor = ancestor.get().parent();
    }
    return null;
  }

  /** Adds the results of another test JVM's report in {@link #directory} (see {@link #close}). */
  private void keepOtherJvms() throws IOException {
    Path results = directory.resolve("results.json");
    if (!Files.isRegularFile(results) || isFromAnEarlierBuild(results, buildStart())) {
      return;
    }
    SweepReport other;
    try {
      other = SweepReport.read(directory);
    } catch (IllegalArgumentException e) {
      return; // not a report this run can extend: replaced, as before
    }
    Set<String> ours = new HashSet<>();
    for (SeedResult result : report.results()) {
      ours.add(result.suite());
    }
    if (!Objects.equals(other.sweep(), report.sweep())
        || !Objects.equals(other.version(), report.version())
        || !other.shards().equals(report.shards())) {
      return;
    }
    for (SeedResult result : other.results()) {
      if (!ours.contains(result.suite())) { // this run's own suites: an earlier run, replaced
        report.add(result);
      }
    }
  }

  /** Whether {@code results} was written before {@code buildStart} (null: not known, kept). */
  static boolean isFromAnEarlierBuild(Path results, Instant buildStart) throws IOException {
    if (buildStart == null
        || !Files.getLastModifiedTime(results).toInstant().isBefore(buildStart)) {
      return false;
    }
    System.err.println("steelmill: " + results.toAbsolutePath() + " is from an earlier build"
        + " (written before this one started): this run's seed report replaces it");
    return true;
  }
}
