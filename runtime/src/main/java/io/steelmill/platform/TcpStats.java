package io.steelmill.platform;

/**
 * What the production network refused, paused or dropped since it started (see {@link TcpLimits}
 * for each policy), from {@link TcpNetwork#stats()}. Non-zero hostile counters with honest
 * traffic flowing are the network doing its job; growing {@code inboxPauses} or {@code
 * inboxDrops} mean a consumer is slower than its senders.
 *
 * @param connectionsAccepted connections that passed the handshake
 * @param connectionsRefused connections closed because the listener was at {@code
 *     maxConnections}: a newcomer refused, or the oldest connection still in its handshake
 *     evicted to admit it
 * @param acceptFailures failed {@code accept} calls (for example, file descriptors exhausted)
 * @param handshakesFailed connections that did not authenticate (wrong secret, garbage, timeout)
 * @param forgedSenders frames naming a sender other than the authenticated peer (connection
 *     closed)
 * @param framesRejected malformed or oversized frames, or frames the codec refused (connection
 *     closed)
 * @param framesTimedOut frames that did not arrive whole within {@code frameTimeout}
 * @param budgetExhausted frames for which the listener's buffer budget stayed full (connection
 *     closed)
 * @param inboxPauses times a reader stopped reading from a peer because an inbox was full
 * @param inboxDrops messages dropped because an inbox stayed full for {@code inboxWait}
 * @param sendsDropped messages dropped on the sending side: the peer's outbox was full, or the
 *     connection failed, or it waits out its reconnect backoff
 * @param connectFailures attempts to reach a peer that failed (refused, unreachable, handshake
 *     failed), each followed by a backoff ({@link TcpLimits#reconnectBackoffMax()})
 */
public record TcpStats(
    long connectionsAccepted,
    long connectionsRefused,
    long acceptFailures,
    long handshakesFailed,
    long forgedSenders,
    long framesRejected,
    long framesTimedOut,
    long budgetExhausted,
    long inboxPauses,
    long inboxDrops,
    long sendsDropped,
    long connectFailures) {}
