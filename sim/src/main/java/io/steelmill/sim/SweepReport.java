package io.steelmill.sim;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The machine-readable result of a sweep or of one shard of it, written to a directory:
 * {@code results.json} (every seed with its trace hash), {@code failing-seeds.json} (the failing
 * ones with their replay commands) and {@code junit.xml} (for CI test reports). {@link
 * SweepMerge} combines the reports of all shards into the report of the whole sweep. Results are
 * kept in (suite, seed) order, so a report does not depend on the order seeds finished in.
 * Thread-safe: parallel seeds may {@link #add} at once.
 */
public final class SweepReport {
  static final String RESULTS = "results.json";
  static final String FAILING = "failing-seeds.json";
  static final String JUNIT = "junit.xml";
  static final String FORMAT = "steelmill-sweep/1";

  private final TreeSet<Shard> shards = new TreeSet<>(
      Comparator.comparingInt(Shard::count).thenComparingInt(Shard::index));
  private final Map<SeedResult, SeedResult> results = new TreeMap<>(
      Comparator.comparing(SeedResult::suite).thenComparingLong(SeedResult::seed));
  private final String sweep;
  private final String version;
  /** How many seeds the report's shards were to run; -1: not said (a test run, an old report). */
  private long planned = -1;

  /**
   * An empty report of {@code shards} (one, or all of a merged sweep) of the sweep {@code
   * sweep}: what every shard of one sweep has in common and two sweeps do not (the seed range,
   * the options that decide a seed's trace, e.g. {@code cluster simulate --nodes 5 --seeds
   * 100}), so that {@link SweepMerge} refuses to combine the shards of different sweeps into a
   * union that describes neither. Null: not said (a report written before this field). The
   * report records this class path's Steelmill version ({@link #version}).
   */
  public SweepReport(List<Shard> shards, String sweep) {
    this(shards, sweep, SteelmillVersion.current());
  }

  /** As above, written by Steelmill {@code version} (null: a report that does not say). */
  SweepReport(List<Shard> shards, String sweep, String version) {
    this.shards.addAll(shards);
    this.sweep = sweep;
    this.version = version;
  }

  /** An empty report of {@code shards}, of a sweep it does not describe. */
  public SweepReport(List<Shard> shards) {
    this(shards, null);
  }

  public SweepReport(Shard shard) {
    this(List.of(shard));
  }

  public SweepReport(Shard shard, String sweep) {
    this(List.of(shard), sweep);
  }

  /**
   * Records that the report's shards were to run {@code seeds} seeds. A report holding fewer (a
   * sweep that stopped at its first failing seed, a worker JVM that died) is then known to be
   * incomplete, and {@link SweepMerge} does not count it as its shard's whole part.
   */
  public synchronized SweepReport planned(long seeds) {
    if (seeds < 0) {
      throw new IllegalArgumentException("a sweep plans 0 seeds or more, not " + seeds);
    }
    this.planned = seeds;
    return this;
  }

  /** How many seeds the report's shards were to run, or -1 when it does not say. */
  public synchronized long planned() {
    return planned;
  }

  /** What was swept, the same in every shard of it, or null when the report does not say. */
  public String sweep() {
    return sweep;
  }

  /**
   * The Steelmill version that ran the sweep, e.g. {@code 0.1.0-SNAPSHOT}, or null when the report
   * does not say (written before reports recorded it). A seed's trace belongs to the kernel that
   * ran it, so {@link SweepMerge} refuses the shards of different versions.
   */
  public String version() {
    return version;
  }

  /**
   * Adds one seed's result.
   *
   * @throws IllegalArgumentException if the report already holds this suite's seed
   */
  public synchronized void add(SeedResult result) {
    SeedResult before = results.putIfAbsent(result, result);
    if (before != null) {
      throw new IllegalArgumentException(
          "seed " + result.seed() + " of " + ReportText.printable(ReportText.quote(result.suite()))
              + " is reported twice");
    }
  }

  public synchronized List<Shard> shards() {
    return List.copyOf(shards);
  }

  /** Every result, by suite, then seed. */
  public synchronized List<SeedResult> results() {
    return List.copyOf(results.values());
  }

  public synchronized List<SeedResult> failing() {
    return results.values().stream().filter(r -> !r.passed()).toList();
  }

  /** Writes the three files into {@code directory} (created if needed), each atomically. */
  public synchronized void write(Path directory) throws IOException {
    Files.createDirectories(directory);
    List<SeedResult> all = List.copyOf(results.values());
    writeAtomically(directory.resolve(RESULTS), json("results", all));
    writeAtomically(directory.resolve(FAILING),
        json("failing", all.stream().filter(r -> !r.passed()).toList()));
    writeAtomically(directory.resolve(JUNIT), JUnitXml.render(all));
  }

  private String json(String field, List<SeedResult> entries) {
    StringBuilder out = new StringBuilder("{\n  \"format\": \"" + FORMAT + "\",\n");
    if (version != null) {
      out.append("  \"steelmill\": ").append(ReportText.quote(version)).append(",\n");
    }
    if (sweep != null) {
      out.append("  \"sweep\": ").append(ReportText.quote(sweep)).append(",\n");
    }
    if (planned >= 0) {
      out.append("  \"planned\": ").append(planned).append(",\n");
    }
    out.append("  \"shards\": [");
    int i = 0;
    for (Shard shard : shards) {
      out.append(i++ == 0 ? "" : ", ").append(ReportText.quote(shard.toString()));
    }
    out.append("],\n  \"").append(field).append("\": [");
    for (int e = 0; e < entries.size(); e++) {
      SeedResult r = entries.get(e);
      out.append(e == 0 ? "\n" : ",\n")
          .append("    {\"suite\": ").append(ReportText.quote(r.suite()))
          .append(", \"seed\": ").append(r.seed())
          .append(", \"passed\": ").append(r.passed())
          .append(", \"traceSha256\": ").append(ReportText.quote(r.traceSha256()))
          .append(", \"failure\": ").append(ReportText.quote(r.failure()))
          .append(", \"replay\": ").append(ReportText.quote(r.replay()))
          .append(", \"wallMillis\": ").append(r.wallNanos() / 1_000_000)
          .append('}');
    }
    return out.append(entries.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    try {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Reads the report in {@code path}: a directory holding {@code results.json}, or the file.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static SweepReport read(Path path) throws IOException {
    try {
      return readChecked(path);
    } catch (IllegalArgumentException e) { // the path may hold a line break
      throw new IllegalArgumentException(ReportText.printable(e.getMessage()), e);
    }
  }

  /** {@link #read}, its message not yet made one line. */
  static SweepReport readChecked(Path path) throws IOException {
    if (path.toString().isBlank()) {
      throw new IllegalArgumentException("\"" + path + "\" is no report: name a report"
          + " directory (an unset variable in a script?)");
    }
    Path file = Files.isDirectory(path) ? path.resolve(RESULTS) : path;
    String text;
    try {
      checkReadable(file);
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file (a sweep writes " + RESULTS
          + " into its --report-dir)");
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + ": not a sweep report (not UTF-8 text)", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot be read (" + e + ")", e);
    }
    try {
      return fromJson(SweepJson.parse(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": not a sweep report (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The largest report read: 1 GiB, or an eighth of this JVM's heap if less (the text, its
   * string and its parsed entries all live at once). A report of a million passing seeds is
   * some 200 MB; a larger file is not a report of one shard, and reading it would end in an
   * OutOfMemoryError instead of a message.
   */
  static long maxReportBytes() {
    return Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 8);
  }

  /**
   * Refuses, before reading, what would never end or exhaust the heap: a pipe or a device in
   * place of the file ({@code /dev/zero}, a FIFO nobody writes), or a file too large.
   */
  private static void checkReadable(Path file) throws IOException {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": not a regular file (a directory, a pipe or a"
          + " device), so not a sweep report");
    }
    if (Files.exists(file) && Files.size(file) > maxReportBytes()) {
      throw new IllegalArgumentException(file + ": " + Files.size(file) + " bytes, more than the "
          + maxReportBytes() + " a report may have (1 GiB, at most an eighth of the heap, -Xmx):"
          + " not the report of one shard");
    }
  }

  /** The report in {@code document}; a missing or mistyped field is named. */
  private static SweepReport fromJson(Object document) {
    Map<?, ?> root = SweepJson.as(document, Map.class, "the document");
    if (!FORMAT.equals(root.get("format"))) {
      throw new IllegalArgumentException(
          "format is " + root.get("format") + ", expected " + FORMAT);
    }
    List<Shard> shards = new ArrayList<>();
    for (Object shard : SweepJson.field(root, "shards", List.class, false)) {
      shards.add(Shard.parse(SweepJson.as(shard, String.class, "a shard")));
    }
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("it names no shard");
    }
    String sweep = root.containsKey("sweep")
        ? SweepJson.field(root, "sweep", String.class, false) : null;
    String version = root.containsKey("steelmill")
        ? SweepJson.field(root, "steelmill", String.class, false) : null;
    SweepReport report = new SweepReport(shards, sweep, version);
    if (root.containsKey("planned")) {
      report.planned(SweepJson.field(root, "planned", Long.class, false));
    }
    for (Object entry : SweepJson.field(root, "results", List.class, false)) {
      Map<?, ?> r = SweepJson.as(entry, Map.class, "a result");
      long millis = SweepJson.field(r, "wallMillis", Long.class, false);
      if (millis < 0 || millis > Long.MAX_VALUE / 1_000_000) {
        throw new IllegalArgumentException("wallMillis " + millis + " is out of range");
      }
      report.add(new SeedResult(
          SweepJson.field(r, "suite", String.class, false),
          SweepJson.field(r, "seed", Long.class, false),
          SweepJson.field(r, "passed", Boolean.class, false),
          SweepJson.field(r, "traceSha256", String.class, false),
          SweepJson.field(r, "failure", String.class, true),
          SweepJson.field(r, "replay", String.class, true),
          millis * 1_000_000));
    }
    return report;
  }
}
