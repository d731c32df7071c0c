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
 * </ul>
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
    Duration acceptLogInterval) {

  /** The defaults (see the class comment). */
  public static TcpLimits defaults() {
    return new TcpLimits(256, 4 << 20, 64 << 10, 64L << 20, 10_000, 16L << 20,
        Duration.ofSeconds(1), 16L << 20, Duration.ofSeconds(30), Duration.ofSeconds(5),
        Duration.ofSeconds(1), Duration.ofSeconds(10));
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
    positive("frameTimeout", frameTimeout);
    positive("handshakeTimeout", handshakeTimeout);
    positive("acceptBackoffMax", acceptBackoffMax);
    positive("acceptLogInterval", acceptLogInterval);
  }

  public TcpLimits withMaxConnections(int value) {
    return new TcpLimits(value, maxFrameBytes, connectionBufferBytes, listenerBufferBytes,
        inboxMessages, inboxBytes, inboxWait, outboxBytes, frameTimeout, handshakeTimeout,
        acceptBackoffMax, acceptLogInterval);
  }

  public TcpLimits withMaxFrameBytes(int value) {
    return new TcpLimits(maxConnections, value, connectionBufferBytes, listenerBufferBytes,
        inboxMessages, inboxBytes, inboxWait, outboxBytes, frameTimeout, handshakeTimeout,
        acceptBackoffMax, acceptLogInterval);
  }

  public TcpLimits withBuffers(int perConnection, long perListener) {
    return new TcpLimits(maxConnections, maxFrameBytes, perConnection, perListener,
        inboxMessages, inboxBytes, inboxWait, outboxBytes, frameTimeout, handshakeTimeout,
        acceptBackoffMax, acceptLogInterval);
  }

  public TcpLimits withInbox(int messages, long bytes, Duration wait) {
    return new TcpLimits(maxConnections, maxFrameBytes, connectionBufferBytes,
        listenerBufferBytes, messages, bytes, wait, outboxBytes, frameTimeout, handshakeTimeout,
        acceptBackoffMax, acceptLogInterval);
  }

  public TcpLimits withOutboxBytes(long value) {
    return new TcpLimits(maxConnections, maxFrameBytes, connectionBufferBytes,
        listenerBufferBytes, inboxMessages, inboxBytes, inboxWait, value, frameTimeout,
        handshakeTimeout, acceptBackoffMax, acceptLogInterval);
  }

  public TcpLimits withTimeouts(Duration frame, Duration handshake) {
    return new TcpLimits(maxConnections, maxFrameBytes, connectionBufferBytes,
        listenerBufferBytes, inboxMessages, inboxBytes, inboxWait, outboxBytes, frame, handshake,
        acceptBackoffMax, acceptLogInterval);
  }

  public TcpLimits withAcceptBackoff(Duration maxBackoff, Duration logInterval) {
    return new TcpLimits(maxConnections, maxFrameBytes, connectionBufferBytes,
        listenerBufferBytes, inboxMessages, inboxBytes, inboxWait, outboxBytes, frameTimeout,
        handshakeTimeout, maxBackoff, logInterval);
  }

  private static void positive(String name, long value, long max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(
          "TcpLimits." + name + " must be between 1 and " + max + ", not " + value);
    }
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("TcpLimits." + name + " must be positive, not " + value);
    }
  }

  private static void nonNegative(String name, Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(
          "TcpLimits." + name + " must not be negative, not " + value);
    }
  }
}
