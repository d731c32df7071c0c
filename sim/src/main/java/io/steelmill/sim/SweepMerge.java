package io.steelmill.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines the reports of a sweep's shards into the report of the whole sweep. It refuses what
 * would give a wrong total: shards run by different Steelmill versions, of different sweeps or
 * of different splits ({@code 1/4} beside {@code 1/3}), a shard's suite reported twice (a shard
 * may have several reports of other suites: one per test JVM of a multi-module build), a seed
 * reported twice, and, unless a partial merge is asked for, a missing shard or one that stopped
 * before its planned seeds.
 */
public final class SweepMerge {
  private SweepMerge() {}

  /**
   * Reads and merges the reports in {@code paths}.
   *
   * @param partial merge even when some shards are missing (they are named in {@link
   *     #missing})
   * @throws IllegalArgumentException with a one-line message naming the offending report
   */
  public static SweepReport merge(List<Path> paths, boolean partial) throws IOException {
    try {
      return mergeRead(paths, partial);
    } catch (IllegalArgumentException e) { // a path or a suite may hold a line break
      throw new IllegalArgumentException(ReportText.printable(e.getMessage()), e);
    }
  }

  private static SweepReport mergeRead(List<Path> paths, boolean partial) throws IOException {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException(
          "nothing to merge: name the report directories of the shards");
    }
    // a shard's reports: one, or one per test JVM of a build (a module each), of other suites
    Map<Shard, List<Integer>> seen = new LinkedHashMap<>();
    List<SweepReport> reports = new ArrayList<>();
    int count = -1;
    Path first = null;
    for (Path path : paths) {
      SweepReport report = SweepReport.readChecked(path);
      if (!reports.isEmpty()
          && !java.util.Objects.equals(report.version(), reports.get(0).version())) {
        throw new IllegalArgumentException(path + " was written by " + versionOf(report)
            + ", but " + paths.get(0) + " by " + versionOf(reports.get(0))
            + ": a seed's trace belongs to the version that ran it; rerun the shards with one"
            + " version and merge those");
      }
      if (!reports.isEmpty() && !java.util.Objects.equals(report.sweep(), reports.get(0).sweep())) {
        throw new IllegalArgumentException(path + " is a report of " + describe(report) + ", but "
            + paths.get(0) + " of " + describe(reports.get(0))
            + ": merge the shards of one sweep only");
      }
      for (Shard shard : report.shards()) {
        if (count == -1) {
          count = shard.count();
          first = path;
        } else if (shard.count() != count) {
          throw new IllegalArgumentException(path + " holds shard " + shard + ", but " + first
              + " is of a split into " + count + ": merge the shards of one sweep only");
        }
        List<Integer> before = seen.computeIfAbsent(shard, s -> new ArrayList<>());
        for (int earlier : before) {
          String common = commonSuite(reports.get(earlier), report);
          if (common != null) {
            throw new IllegalArgumentException("shard " + shard + " of " + ReportText.quote(common)
                + " is in both " + paths.get(earlier) + " and " + path
                + ": pass each shard's report once");
          }
        }
        before.add(reports.size());
      }
      reports.add(report);
    }
    SweepReport merged = new SweepReport(
        List.copyOf(seen.keySet()), reports.get(0).sweep(), reports.get(0).version());
    long planned = 0;
    for (int i = 0; i < reports.size(); i++) {
      SweepReport report = reports.get(i);
      int ran = report.results().size();
      if (report.planned() >= 0 && ran != report.planned() && !partial) {
        throw new IllegalArgumentException(paths.get(i) + " holds " + ran + " of the "
            + report.planned() + " seeds of its shards " + report.shards() + failingSeeds(report)
            + ": that sweep stopped"
            + " early (at its first failing seed, without --keep-going, or a worker died); rerun"
            + " that shard with --keep-going, or ask for a partial merge"
            + " (merge-results --partial)");
      }
      planned = planned < 0 || report.planned() < 0 ? -1 : planned + report.planned();
    }
    if (planned >= 0) {
      merged.planned(planned);
    }
    List<Shard> missing = missing(merged);
    if (!missing.isEmpty() && !partial) {
      throw new IllegalArgumentException("missing " + (missing.size() == 1 ? "shard " : "shards ")
          + join(missing) + " of " + count + ": merge the reports of every shard, or ask for a"
          + " partial merge (merge-results --partial)");
    }
    for (int i = 0; i < reports.size(); i++) {
      for (SeedResult result : reports.get(i).results()) {
        check(result, reports.get(i), paths.get(i));
        try {
          merged.add(result);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(paths.get(i) + ": " + e.getMessage()
              + " (also in an earlier report)", e);
        }
      }
    }
    return merged;
  }

  /**
   * {@code text} (a path, a suite, one line of a failure) fit for one line of a message or of a
   * terminal: control characters and Unicode's line separators escaped as {@code \\uXXXX}.
   */
  public static String printable(String text) {
    return ReportText.printable(text);
  }

  /**
   * A suite that both reports hold, or null. The reports of one shard by the test JVMs of a
   * multi-module build hold other suites (test classes) each, or none (a module whose tests have
   * no seed in the shard); a report given twice holds the same ones.
   */
  private static String commonSuite(SweepReport a, SweepReport b) {
    java.util.Set<String> suites = new java.util.HashSet<>();
    for (SeedResult result : a.results()) {
      suites.add(result.suite());
    }
    for (SeedResult result : b.results()) {
      if (suites.contains(result.suite())) {
        return result.suite();
      }
    }
    return null;
  }

  /** The failing seeds of {@code report}, named so that refusing the merge loses none. */
  private static String failingSeeds(SweepReport report) {
    List<String> seeds = report.failing().stream().map(r -> String.valueOf(r.seed())).toList();
    String more = seeds.size() > 10 ? " and " + (seeds.size() - 10) + " more" : "";
    return seeds.isEmpty() ? ""
        : " (failing: seed " + String.join(", ", seeds.subList(0, Math.min(10, seeds.size())))
            + more + ")";
  }

  private static String versionOf(SweepReport report) {
    return report.version() == null ? "a Steelmill version it does not name (an older report)"
        : "Steelmill " + ReportText.quote(report.version());
  }

  private static String describe(SweepReport report) {
    return report.sweep() == null ? "a sweep it does not name (an older report)"
        : ReportText.quote(report.sweep());
  }

  private static void check(SeedResult result, SweepReport report, Path path) {
    for (Shard shard : report.shards()) {
      if (shard.contains(result.seed())) {
        return;
      }
    }
    throw new IllegalArgumentException(path + ": seed " + result.seed() + " does not belong to"
        + " its report's shards " + report.shards() + " (seed s belongs to shard s mod N)");
  }

  /** The shards of the split that {@code report} does not hold. */
  public static List<Shard> missing(SweepReport report) {
    List<Shard> shards = report.shards();
    List<Shard> missing = new ArrayList<>();
    if (shards.isEmpty()) {
      return missing;
    }
    int count = shards.get(0).count();
    for (int i = 0; i < count; i++) {
      if (!shards.contains(new Shard(i, count))) {
        missing.add(new Shard(i, count));
      }
    }
    return missing;
  }

  private static String join(List<Shard> shards) {
    List<String> names = new ArrayList<>();
    for (Shard shard : shards) {
      names.add(shard.toString());
    }
    return String.join(", ", names);
  }
}
