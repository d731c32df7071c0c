package io.steelmill.platform;

import java.util.concurrent.atomic.AtomicLong;

/** The live counters behind {@link TcpStats}, shared by a network's listeners and connections. */
final class TcpCounters {
  final AtomicLong connectionsAccepted = new AtomicLong();
  final AtomicLong connectionsRefused = new AtomicLong();
  final AtomicLong acceptFailures = new AtomicLong();
  final AtomicLong handshakesFailed = new AtomicLong();
  final AtomicLong forgedSenders = new AtomicLong();
  final AtomicLong framesRejected = new AtomicLong();
  final AtomicLong framesTimedOut = new AtomicLong();
  final AtomicLong budgetExhausted = new AtomicLong();
  final AtomicLong inboxPauses = new AtomicLong();
  final AtomicLong inboxDrops = new AtomicLong();
  final AtomicLong sendsDropped = new AtomicLong();
  final AtomicLong connectFailures = new AtomicLong();

  TcpStats snapshot() {
    return new TcpStats(connectionsAccepted.get(), connectionsRefused.get(), acceptFailures.get(),
        handshakesFailed.get(), forgedSenders.get(), framesRejected.get(), framesTimedOut.get(),
        budgetExhausted.get(), inboxPauses.get(), inboxDrops.get(), sendsDropped.get(),
        connectFailures.get());
  }
}
