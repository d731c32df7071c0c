package io.steelmill.sim;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of Steelmill's simulator on this class path, as its build wrote it. A sweep report
 * records it because a seed's trace belongs to the kernel that ran it: the shards of one sweep run
 * by two versions may hash the same seed differently, so {@link SweepMerge} refuses to combine
 * them instead of producing a report that no single version would reproduce.
 */
final class SteelmillVersion {
  /** What a class path without the build's version file (a hand-made one) reports. */
  static final String UNKNOWN = "unknown";

  private static final String CURRENT = read();

  private SteelmillVersion() {}

  /** This class path's version, e.g. {@code 0.1.0-SNAPSHOT}, or {@link #UNKNOWN}. */
  static String current() {
    return CURRENT;
  }

  private static String read() {
    Properties properties = new Properties();
    try (InputStream in = SteelmillVersion.class.getResourceAsStream("steelmill-sim.properties")) {
      if (in == null) {
        return UNKNOWN;
      }
      properties.load(in);
    } catch (IOException e) {
      return UNKNOWN;
    }
    String version = properties.getProperty("version", "").strip();
    // an unfiltered copy (a build that skipped resource filtering) still holds the placeholder
    return version.isEmpty() || version.startsWith("${") ? UNKNOWN : version;
  }
}
