package io.steelmill.sim.history;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EDN's two built-in tagged elements, read as Clojure's reader reads them: {@code #inst "..."} is
 * a {@link Date} (RFC 3339, as {@code clojure.instant}: any prefix from the year on, an optional
 * offset, at most millisecond precision kept) and {@code #uuid "..."} a {@link UUID}. Read as
 * plain strings (the tag dropped), a register written {@code #inst "2020-01-01T00:00:00Z"} and read
 * {@code #inst "2020-01-01T00:00:00.000+00:00"} (the same instant for Clojure) was not
 * linearizable, and one written that instant and read the string {@code "2020-01-01T00:00:00Z"}
 * (another value for Clojure) was; an instant Clojure refuses ({@code "2020-13-01"}) was read.
 */
final class EdnTags {
  /** {@code clojure.instant}'s timestamp grammar. */
  private static final Pattern TIMESTAMP = Pattern.compile(
      "(\\d\\d\\d\\d)(?:-(\\d\\d)(?:-(\\d\\d)(?:[T](\\d\\d)(?::(\\d\\d)(?::(\\d\\d)"
          + "(?:[.](\\d+))?)?)?)?)?)?(?:[Z]|([-+])(\\d\\d):(\\d\\d))?");

  private static final DateTimeFormatter PRINTED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'-00:00'").withZone(ZoneOffset.UTC);

  private EdnTags() {}

  /** Whether {@code tag} is one this class reads. */
  static boolean known(String tag) {
    return tag.equals("inst") || tag.equals("uuid");
  }

  /**
   * The value of {@code #tag form}, or null with {@code problem[0]} set to why it is refused.
   */
  static Object read(String tag, Object form, String[] problem) {
    if (!(form instanceof String text)) {
      problem[0] = "#" + tag + " must be followed by a string, not " + EdnWriter.preview(form);
      return null;
    }
    if (tag.equals("uuid")) {
      try {
        return UUID.fromString(text); // what Clojure's #uuid reader calls
      } catch (IllegalArgumentException e) {
        problem[0] = "#uuid " + EdnWriter.preview(text) + " is not a UUID";
        return null;
      }
    }
    Date date = instant(text);
    if (date == null) {
      problem[0] = "#inst " + EdnWriter.preview(text) + " is not an RFC 3339 timestamp that"
          + " Clojure reads (yyyy-MM-ddTHH:mm:ss.fff+hh:mm, any prefix from the year)";
    }
    return date;
  }

  /** {@code text} as Clojure's {@code #inst} reads it, or null when Clojure refuses it. */
  static Date instant(String text) {
    Matcher m = TIMESTAMP.matcher(text);
    if (!m.matches()) {
      return null;
    }
    int year = Integer.parseInt(m.group(1));
    int month = part(m.group(2), 1);
    int day = part(m.group(3), 1);
    int hour = part(m.group(4), 0);
    int minute = part(m.group(5), 0);
    int second = part(m.group(6), 0);
    String fraction = m.group(7) == null ? "" : m.group(7);
    int sign = "-".equals(m.group(8)) ? -1 : 1;
    int offsetHours = part(m.group(9), 0);
    int offsetMinutes = part(m.group(10), 0);
    boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    int[] days = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > days[month - 1] || hour > 23 || minute > 59
        || second > (minute == 59 ? 60 : 59) || offsetHours > 23 || offsetMinutes > 59) {
      return null;
    }
    String nanos = (fraction + "000000000").substring(0, 9); // digits past nine are dropped
    long local = LocalDateTime.of(year, month, day, hour, minute)
        .toEpochSecond(ZoneOffset.UTC) + second;
    long offset = sign * (offsetHours * 3600L + offsetMinutes * 60L);
    return new Date((local - offset) * 1000 + Integer.parseInt(nanos) / 1_000_000);
  }

  private static int part(String digits, int absent) {
    return digits == null ? absent : Integer.parseInt(digits);
  }

  /** {@code #inst "..."} as Clojure prints a {@link Date}. */
  static String print(Date date) {
    return "#inst \"" + PRINTED.format(date.toInstant()) + "\"";
  }
}
