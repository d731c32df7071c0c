package io.steelmill.platform;

import java.time.Duration;
import java.util.Optional;

/**
 * A bound service of a node. {@link #send} has datagram semantics: a message may be dropped,
 * duplicated, delayed or reordered (the simulated network does all of these from the seed; TCP
 * drops when a connection fails). Protocols built on it use timeouts and retries.
 */
public interface Endpoint<M> extends AutoCloseable {
  Address address();

  /** Sends {@code message} to {@code to}; never blocks for delivery. */
  void send(Address to, M message);

  /**
   * Waits for the next message.
   *
   * @throws IllegalStateException if the endpoint is closed
   */
  Envelope<M> receive() throws InterruptedException;

  /** Waits at most {@code timeout} for the next message. */
  Optional<Envelope<M>> receive(Duration timeout) throws InterruptedException;

  /**
   * Unbinds the service: later messages to it are dropped, and a receiver waiting on it gets an
   * {@link IllegalStateException}.
   */
  @Override
  void close();
}
