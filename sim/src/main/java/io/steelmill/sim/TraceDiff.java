package io.steelmill.sim;

import java.util.List;

/**
 * Where two full traces of one seed part ({@link Trace.Level#FULL}, {@link SimResult#fullTrace}):
 * the first line that differs, with the lines before it, so a report of a run that was not
 * deterministic names the step or event where the two runs went apart, not only two hashes.
 */
public final class TraceDiff {
  /** Lines shown before the first difference: what both runs did just before they parted. */
  static final int CONTEXT = 3;

  private TraceDiff() {}

  /**
   * The first difference between {@code one} and {@code other} as a few lines of text, or null
   * when they are equal.
   *
   * @param oneName what {@code one} is, for the text ("this JVM")
   * @param otherName what {@code other} is ("a fresh JVM")
   */
  public static String firstDifference(List<String> one, String oneName, List<String> other,
      String otherName) {
    int common = Math.min(one.size(), other.size());
    int line = 0;
    while (line < common && one.get(line).equals(other.get(line))) {
      line++;
    }
    if (line == common && one.size() == other.size()) {
      return null;
    }
    StringBuilder text = new StringBuilder("the full traces agree on their first " + line
        + " lines (of " + one.size() + " in " + oneName + ", " + other.size() + " in "
        + otherName + ")");
    for (int i = Math.max(0, line - CONTEXT); i < line; i++) {
      text.append("\n    both:  ").append(one.get(i));
    }
    text.append("\n    ").append(oneName).append(": ")
        .append(line < one.size() ? one.get(line) : "(its trace ends here)");
    text.append("\n    ").append(otherName).append(": ")
        .append(line < other.size() ? other.get(line) : "(its trace ends here)");
    return text.toString();
  }
}
