package io.steelmill.zookeeper;

import java.time.Duration;

/**
 * Where the ensemble is and how patient to be: {@code connectString} is {@code host:port[,...]};
 * the session timeout bounds how long a lease survives a holder that stopped talking; the connect
 * timeout bounds how long {@code prepare()} waits for the ensemble, and how far past its {@code
 * maxWait} a lease request may run when the connection drops under it.
 *
 * <p>Checked when made, so a mistake is one line naming the setting: both timeouts from 1 ms to
 * 1 day (ZooKeeper counts milliseconds in an {@code int}; past a day is a unit mistake), a connect
 * string that is not blank and holds no whitespace or control characters.
 */
public record ZooKeeperConfig(String connectString, Duration sessionTimeout, Duration connectTimeout) {
  private static final Duration LONGEST = Duration.ofDays(1);

  public ZooKeeperConfig {
    if (connectString == null || connectString.isBlank()
        || connectString.codePoints().anyMatch(c -> Character.isWhitespace(c)
            || Character.isISOControl(c) || Character.isSpaceChar(c))) {
      throw new IllegalArgumentException("ZooKeeperConfig: connect string " + shown(connectString)
          + " is no ensemble address. Fix: give host:port[,host:port...], e.g. 127.0.0.1:2181");
    }
    check("sessionTimeout", sessionTimeout);
    check("connectTimeout", connectTimeout);
  }

  /** Reasonable timeouts for {@code connectString}: 6 s session, 5 s to connect. */
  public static ZooKeeperConfig of(String connectString) {
    return new ZooKeeperConfig(connectString, Duration.ofSeconds(6), Duration.ofSeconds(5));
  }

  private static void check(String name, Duration timeout) {
    if (timeout == null || timeout.compareTo(Duration.ofMillis(1)) < 0
        || timeout.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException("ZooKeeperConfig: " + name + " " + timeout
          + " is out of range. Fix: give from 1ms to 1 day, e.g. Duration.ofSeconds(6)");
    }
  }

  private static String shown(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    text.codePoints().limit(80).forEach(c -> out.append(Character.isISOControl(c)
        ? String.format("\\u%04x", c) : Character.toString(c)));
    return out.append(text.length() > 80 ? "...\"" : "\"").toString();
  }
}
