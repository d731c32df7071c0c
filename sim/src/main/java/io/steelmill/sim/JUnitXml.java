package io.steelmill.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed results as a JUnit XML report, the format CI systems show as test results: one
 * {@code testsuite} per suite, one {@code testcase} per seed named {@code seed=N}, a failure
 * carrying the replay command, and the trace hash in {@code system-out}.
 */
final class JUnitXml {
  private JUnitXml() {}

  static String render(List<SeedResult> results) {
    Map<String, List<SeedResult>> suites = new LinkedHashMap<>();
    for (SeedResult result : results) {
      suites.computeIfAbsent(result.suite(), s -> new java.util.ArrayList<>()).add(result);
    }
    StringBuilder out =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    for (Map.Entry<String, List<SeedResult>> suite : suites.entrySet()) {
      List<SeedResult> cases = suite.getValue();
      long failures = cases.stream().filter(r -> !r.passed()).count();
      long nanos = cases.stream().mapToLong(SeedResult::wallNanos).sum();
      out.append("  <testsuite name=\"").append(escape(suite.getKey()))
          .append("\" tests=\"").append(cases.size())
          .append("\" failures=\"").append(failures)
          .append("\" errors=\"0\" skipped=\"0\" time=\"").append(seconds(nanos)).append("\">\n");
      for (SeedResult r : cases) {
        out.append("    <testcase classname=\"").append(escape(suite.getKey()))
            .append("\" name=\"seed=").append(r.seed())
            .append("\" time=\"").append(seconds(r.wallNanos())).append("\">\n");
        if (!r.passed()) {
          out.append("      <failure message=\"").append(escape(r.failure())).append("\">")
              .append(escape(r.failure())).append("\nreplay: ").append(escape(r.replay()))
              .append("</failure>\n");
        }
        out.append("      <system-out>trace sha256: ").append(escape(r.traceSha256()))
            .append("</system-out>\n    </testcase>\n");
      }
      out.append("  </testsuite>\n");
    }
    return out.append("</testsuites>\n").toString();
  }

  private static String seconds(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e9);
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        // as references: raw, a parser turns them into spaces in an attribute (and a carriage
        // return into a line break anywhere), so a CI server would show another message
        case '\t' -> out.append("&#9;");
        case '\n' -> out.append("&#10;");
        case '\r' -> out.append("&#13;");
        default -> {
          if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
            out.append('?'); // not allowed in XML 1.0
          } else if (Character.isSurrogate(c)) {
            // a pair is one character; half of one is not allowed in XML, nor written as UTF-8
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
            out.append(paired ? text.substring(i, ++i + 1) : "?");
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
