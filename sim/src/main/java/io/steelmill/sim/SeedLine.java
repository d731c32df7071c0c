package io.steelmill.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One seed's result as a worker process sends it to the sweep that started it ({@link
 * SeedProcesses}): one line of text, the prefix {@value #PREFIX} and a JSON object with the fields
 * of a report's entry ({@link SweepReport}) and the counts the command adds up (acknowledged
 * writes, operations checked, ...). A line is self-contained, so a worker that dies mid-line loses
 * that seed, never garbles another.
 *
 * @param result the seed's entry of the report
 * @param counts named counts, in the order the worker gave them
 */
public record SeedLine(SeedResult result, Map<String, Long> counts) {
  /** What starts every result line; anything else a worker prints is not a result. */
  public static final String PREFIX = "steelmill-seed ";

  public SeedLine {
    counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  /** A named count, or 0 when the worker sent none by that name. */
  public long count(String name) {
    return counts.getOrDefault(name, 0L);
  }

  /** The line, without a line break: {@code ReportText.quote} escapes every break inside. */
  public String encode() {
    StringBuilder out = new StringBuilder(PREFIX)
        .append("{\"suite\": ").append(ReportText.quote(result.suite()))
        .append(", \"seed\": ").append(result.seed())
        .append(", \"passed\": ").append(result.passed())
        .append(", \"traceSha256\": ").append(ReportText.quote(result.traceSha256()))
        .append(", \"failure\": ").append(ReportText.quote(result.failure()))
        .append(", \"replay\": ").append(ReportText.quote(result.replay()))
        .append(", \"wallNanos\": ").append(result.wallNanos())
        .append(", \"counts\": {");
    int i = 0;
    for (Map.Entry<String, Long> count : counts.entrySet()) {
      out.append(i++ == 0 ? "" : ", ").append(ReportText.quote(count.getKey())).append(": ")
          .append(count.getValue());
    }
    return out.append("}}").toString();
  }

  /**
   * Reads a line {@link #encode} wrote.
   *
   * @throws IllegalArgumentException saying what is wrong, when it is not such a line
   */
  @SuppressWarnings("unchecked")
  public static SeedLine decode(String line) {
    if (!line.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a result line (it does not start with \""
          + PREFIX.strip() + "\")");
    }
    try {
      Map<String, Object> o =
          (Map<String, Object>) SweepJson.parse(line.substring(PREFIX.length()));
      SeedResult result = new SeedResult((String) o.get("suite"), (Long) o.get("seed"),
          (Boolean) o.get("passed"), (String) o.get("traceSha256"), (String) o.get("failure"),
          (String) o.get("replay"), (Long) o.get("wallNanos"));
      Map<String, Long> counts = new LinkedHashMap<>();
      for (Map.Entry<String, Object> count : ((Map<String, Object>) o.get("counts")).entrySet()) {
        counts.put(count.getKey(), (Long) count.getValue());
      }
      return new SeedLine(result, counts);
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("a result line lacks a field or has one of the wrong"
          + " type: " + e.getMessage(), e);
    }
  }

  /** The seeds of {@code seeds} that worker {@code part} runs: those at index i, i mod N = I. */
  public static List<Long> part(List<Long> seeds, Shard part) {
    List<Long> mine = new java.util.ArrayList<>();
    for (int i = part.index(); i < seeds.size(); i += part.count()) {
      mine.add(seeds.get(i));
    }
    return mine;
  }
}
