package io.steelmill.platform;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * A warning that a peer can trigger at will (a refused connection, a failed handshake, a failing
 * accept), logged at most once per interval with the number of occurrences since the last line,
 * so a flood of hostile connections cannot flood the log or burn CPU on formatting.
 */
final class ThrottledLog {
  private final Logger log;
  private final String what;
  private final long intervalNanos;
  private long lastLogged = Long.MIN_VALUE; // guarded by this
  private long suppressed; // guarded by this
  private long lines; // guarded by this

  ThrottledLog(Logger log, String what, Duration interval) {
    this.log = log;
    this.what = what;
    this.intervalNanos = interval.toNanos();
  }

  /** Counts one occurrence; logs it if the interval since the last line has passed. */
  void warn(String node, String detail) {
    long count;
    synchronized (this) {
      long now = System.nanoTime();
      if (lastLogged != Long.MIN_VALUE && now - lastLogged < intervalNanos) {
        suppressed++;
        return;
      }
      count = suppressed;
      suppressed = 0;
      lastLogged = now;
      lines++;
    }
    try {
      if (count == 0) {
        log.warn("{}: {}: {}", node, what, detail);
      } else {
        log.warn("{}: {}: {} ({} more since the last report)", node, what, detail, count);
      }
    } catch (RuntimeException | Error e) {
      // a logger that fails (it may need a file descriptor when none is left, or memory when an
      // OutOfMemoryError is what it reports) must not stop the caller, which is busy surviving
      // exactly that: escaping, it ended a listener's accept loop for good
    }
  }

  /** How many lines this has logged, for tests. */
  synchronized long lines() {
    return lines;
  }
}
