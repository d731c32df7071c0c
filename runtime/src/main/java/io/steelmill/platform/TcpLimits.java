package io.steelmill.platform;

import java.time.Duration;

/**
 * The budgets of the production TCP network, per listening node, so that no peer (honest but
 * fast, or hostile) can make a node buffer without bound. Every limit has a default sized for a
 * cluster of a few dozen nodes exchanging messages of up to a few MiB; change one with the
 * {@code with...} methods, which reject values that make no sense. What happens at each limit:
 *
 * <ul>
 *   <li>{@code maxConnections}: a listener accepting one more connection closes it at once
 *       (counted as {@code connectionsRefused}).
 *   <li>{@code maxFrameBytes}: a frame whose length prefix is larger closes its connection
 *       ({@code framesRejected}); sending a larger message is an {@link
 *       IllegalArgumentException} at {@link Endpoint#send}, since it could never arrive.
 *   <li>{@code connectionBufferBytes}: what one connection may hold of a frame in progress
 *       without asking for more; beyond it, the bytes come from {@code listenerBufferBytes},
 *       shared by the listener's connections. A reader that cannot get its bytes within {@code
 *       frameTimeout} is closed ({@code budgetExhausted}). So a node never holds more than
 *       {@code maxConnections * connectionBufferBytes + listenerBufferBytes} of partial frames,
 *       and small frames of honest peers always fit in their own connection's share.
 *   <li>{@code frameTimeout}: a frame must arrive whole within this time of its first byte, and
 *       a handshake within {@code handshakeTimeout} of the connection (slowloris defence).
 *   <li>{@code inboxMessages}, {@code inboxBytes}: the bounded inbox of each endpoint. When it is
 *       full, the connection's reader stops reading from that peer (TCP then slows the sender
 *       down) for up to {@code inboxWait}, counted as {@code inboxPauses}; if there is still no
 *       room, the message is dropped ({@code inboxDrops}), as {@link Endpoint#send} allows.
 *   <li>{@code outboxBytes}: what {@link Endpoint#send} may queue per peer connection before it
 *       drops messages ({@code sendsDropped}) instead of blocking the caller; a peer that does not
 *       read for {@code frameTimeout} loses its connection.
 *   <li>{@code acceptBackoffMax}, {@code acceptLogInterval}: a failing {@code accept} (file
 *       descriptors exhausted) is retried after a backoff growing up to the maximum, and logged
 *       at most once per interval with the number of failures.
 *   <li>{@code reconnectBackoffMax}: a connection that could not reach its peer (refused, no
 *       route, failed handshake) tries again only after a backoff, from 1 ms doubling up to this
 *       maximum, each wait drawn between half and all of its step (the draw is a hash of the two
 *       nodes' names and the attempt: deterministic, yet different for each pair, so peers
 *       do not retry in step); messages sent meanwhile are dropped ({@code sendsDropped}), each
 *       failure is counted ({@code connectFailures}) and logged at most once per {@code
 *       acceptLogInterval}.
 * </ul>
 *
 * <p>Every timeout is between 1 ms and {@code Integer.MAX_VALUE} ms (about 24.8 days), and
 * {@code inboxWait} at most that: sockets count timeouts in whole milliseconds of an {@code int},
 * where a shorter one would round to 0, which means "no timeout at all".
 */
public record TcpLimits(
    int maxConnections,
    int maxFrameBytes,
    int connectionBufferBytes,
    long listenerBufferBytes,
    int inboxMessages,
    long inboxBytes,
    Duration inboxWait,
    long outboxBytes,
    Duration frameTimeout,
    Duration handshakeTimeout,
    Duration acceptBackoffMax,
    Duration acceptLogInterval,
    Duration reconnectBackoffMax) {

  /** The shortest timeout: sockets count whole milliseconds. */
  private static final Duration SHORTEST = Duration.ofMillis(1);

  /** The longest timeout or wait: {@code Integer.MAX_VALUE} milliseconds, about 24.8 days. */
  private static final Duration LONGEST = Duration.ofMillis(Integer.MAX_VALUE);

  /** The defaults (see the class comment). */
  public static TcpLimits defaults() {
    return new TcpLimits(256, 4 << 20, 64 << 10, 64L << 20, 10_000, 16L << 20,
        Duration.ofSeconds(1), 16L << 20, Duration.ofSeconds(30), Duration.ofSeconds(5),
        Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(1));
  }

  /** Validates every limit. */
  public TcpLimits {
    positive("maxConnections", maxConnections, 1_000_000);
    positive("maxFrameBytes", maxFrameBytes, Integer.MAX_VALUE - 8);
    positive("connectionBufferBytes", connectionBufferBytes, Integer.MAX_VALUE);
    positive("listenerBufferBytes", listenerBufferBytes, Long.MAX_VALUE);
    positive("inboxMessages", inboxMessages, Integer.MAX_VALUE);
    positive("inboxBytes", inboxBytes, Long.MAX_VALUE);
    positive("outboxBytes", outboxBytes, Long.MAX_VALUE);
    nonNegative("inboxWait", inboxWait);
    timeout("frameTimeout", frameTimeout);
    timeout("handshakeTimeout", handshakeTimeout);
    timeout("acceptBackoffMax", acceptBackoffMax);
    timeout("acceptLogInterval", acceptLogInterval);
    timeout("reconnectBackoffMax", reconnectBackoffMax);
  }

  public TcpLimits withMaxConnections(int value) {
    return new TcpLimits(value, maxFrameBytes, connectionBufferBytes, listenerBufferBytes,
        inboxMessages, inboxBytes, inboxWait, outboxBytes, frameTimeout, handshakeTimeout,
        acceptBackoffMax, acceptLogInterval, reconnectBackoffMax);
  }

  public TcpLimits withMaxFrameBytes(int value) {
    return new TcpLimits(maxConnections, value, connectionBufferBytes, listenerBufferBytes,
        inboxMessages, inboxBytes, inboxWait, outboxBytes, frameTimeout, handshakeTimeout,
        acceptBackoffMax, acceptLogInterval, reconnectBackoffMax);
  }

  public TcpLimits withBuffers(int perConnection, long perListener) {
    return new TcpLimits(maxConnections, maxFrameBytes, perConnection, perListener,
        inboxMessages, inboxBytes, inboxWait, outboxBytes, frameTimeout, handshakeTimeout,
        acceptBackoffMax, acceptLogInterval, reconnectBackoffMax);
  }

  public TcpLimits withInbox(int messages, long bytes, Duration wait) {
    return new TcpLimits(maxConnections, maxFrameBytes, connectionBufferBytes,
        listenerBufferBytes, messages, bytes, wait, outboxBytes, frameTimeout, handshakeTimeout,
        acceptBackoffMax, acceptLogInterval, reconnectBackoffMax);
  }

  public TcpLimits withOutboxBytes(long value) {
    return new TcpLimits(maxConnections, maxFrameBytes, connectionBufferBytes,
        listenerBufferBytes, inboxMessages, inboxBytes, inboxWait, value, frameTimeout,
        handshakeTimeout, acceptBackoffMax, acceptLogInterval, reconnectBackoffMax);
  }

  public TcpLimits withTimeouts(Duration frame, Duration handshake) {
    return new TcpLimits(maxConnections, maxFrameBytes, connectionBufferBytes,
        listenerBufferBytes, inboxMessages, inboxBytes, inboxWait, outboxBytes, frame, handshake,
        acceptBackoffMax, acceptLogInterval, reconnectBackoffMax);
  }

  public TcpLimits withAcceptBackoff(Duration maxBackoff, Duration logInterval) {
    return new TcpLimits(maxConnections, maxFrameBytes, connectionBufferBytes,
        listenerBufferBytes, inboxMessages, inboxBytes, inboxWait, outboxBytes, frameTimeout,
        handshakeTimeout, maxBackoff, logInterval, reconnectBackoffMax);
  }

  /** The longest a connection waits before it tries a peer that could not be reached again. */
  public TcpLimits withReconnectBackoff(Duration max) {
    return new TcpLimits(maxConnections, maxFrameBytes, connectionBufferBytes,
        listenerBufferBytes, inboxMessages, inboxBytes, inboxWait, outboxBytes, frameTimeout,
        handshakeTimeout, acceptBackoffMax, acceptLogInterval, max);
  }

  private static void positive(String name, long value, long max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(
          "TcpLimits." + name + " must be between 1 and " + max + ", not " + value);
    }
  }

  /**
   * A timeout sockets and sleeps can honour: they count in whole milliseconds held in an {@code
   * int}, so less than a millisecond would become 0, which a socket reads as "wait forever" (and
   * the write watchdog or the accept backoff as "spin"), and more than {@link #LONGEST} would wrap.
   */
  private static void timeout(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("TcpLimits." + name + " must be positive, not " + value
          + ". Fix: give a timeout between 1ms and " + LONGEST.toDays() + " days");
    }
    if (value.compareTo(SHORTEST) < 0) {
      throw new IllegalArgumentException("TcpLimits." + name + " of " + value + " is less than"
          + " 1ms, which sockets would read as 0 (no timeout at all). Fix: give at least 1ms");
    }
    atMostLongest(name, value);
  }

  private static void nonNegative(String name, Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException("TcpLimits." + name + " must not be negative, not "
          + value + ". Fix: give 0 (drop at once) or a wait of up to " + LONGEST.toDays()
          + " days");
    }
    atMostLongest(name, value);
  }

  private static void atMostLongest(String name, Duration value) {
    if (value.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException("TcpLimits." + name + " of " + value + " is longer than"
          + " sockets can count (" + LONGEST.toDays() + " days of int milliseconds). Fix: give at"
          + " most " + LONGEST.toDays() + " days");
    }
  }
}
