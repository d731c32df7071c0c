package io.steelmill.platform;

import java.time.Duration;

/**
 * The checks every {@link LeaseService} makes of a request before it asks anyone, so that the
 * simulated service and ZooKeeper refuse the same mistakes with the same one-line message: a
 * resource that is no name (empty, blank, a path, a control character: ZooKeeper would create
 * nested nodes or fail with its own words; a character ZooKeeper cannot store in a node name,
 * such as an emoji, a private-use character or U+FFF0 to U+FFFF, which the simulation would
 * otherwise accept and production refuse), a time to live that is no lease (zero, negative,
 * past a day, where a {@code toNanos()} overflowed), a negative wait.
 */
public final class LeaseRequest {
  /** The shortest time to live: a lease that ends before a request's round trip is no lease. */
  public static final Duration MIN_TTL = Duration.ofMillis(1);

  /** The longest time to live: longer is a unit mistake, and a holder that died keeps it. */
  public static final Duration MAX_TTL = Duration.ofDays(1);

  /** The longest resource name: a ZooKeeper node name, with room to spare. */
  public static final int MAX_NAME = 200;

  private LeaseRequest() {}

  /**
   * Checks a request.
   *
   * @throws IllegalArgumentException naming the argument and what it accepts
   */
  public static void check(String resource, Duration ttl, Duration maxWait) {
    if (resource == null || resource.isEmpty() || resource.length() > MAX_NAME
        || resource.equals(".") || resource.equals("..") || !printableWithoutSlash(resource)) {
      throw new IllegalArgumentException("lease resource " + Names.quoted(resource)
          + " is not a name: give 1 to " + MAX_NAME + " printable characters without spaces or"
          + " '/', none"
          + " outside U+0020..U+D7FF and U+F900..U+FFEF (ZooKeeper cannot store them), e.g."
          + " \"leader\"");
    }
    if (ttl == null || ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("lease " + resource + ": ttl must be from 1ms to 1 day,"
          + " not " + ttl);
    }
    if (maxWait == null || maxWait.isNegative() || maxWait.compareTo(LeaseService.FOREVER) > 0) {
      throw new IllegalArgumentException("lease " + resource + ": maxWait must be from 0 to "
          + LeaseService.FOREVER.toDays() + " days (LeaseService.FOREVER), not " + maxWait);
    }
  }

  private static boolean printableWithoutSlash(String name) {
    return name.codePoints().allMatch(c -> c != '/' && !Character.isWhitespace(c)
        && !Character.isISOControl(c) && !Character.isSpaceChar(c)
        && Character.getType(c) != Character.FORMAT && Character.getType(c) != Character.SURROGATE
        && Character.isDefined(c) && storableByZooKeeper(c));
  }

  /**
   * Whether ZooKeeper's path check accepts {@code c}: it refuses, char by char, surrogates (so
   * every character past U+FFFF), the private-use area and U+FFF0 to U+FFFF.
   */
  private static boolean storableByZooKeeper(int c) {
    return c < 0xD800 || (c > 0xF8FF && c < 0xFFF0);
  }
}
