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

  /**
   * Waits at most {@code timeout} for the next message. In production and in simulation alike, a
   * negative timeout does not wait and one too long to count in nanoseconds waits for ever.
   */
  Optional<Envelope<M>> receive(Duration timeout) throws InterruptedException;

  /**
   * Sends {@code request} and waits at most {@code timeout} for the reply that {@link #reply}
   * sends back, matched by a request id; a reply after the timeout, or a duplicate, is dropped.
   * Other messages arriving meanwhile stay queued for {@link #receive()}. The timeout is read as
   * {@link #receive(Duration)} reads it.
   *
   * @return the reply, or empty after the timeout (the request or the reply was lost, or is late)
   */
  Optional<M> call(Address to, M request, Duration timeout) throws InterruptedException;

  /** Answers {@code request}, received from {@link #receive()}, with {@code response}. */
  void reply(Envelope<M> request, M response);

  /**
   * Unbinds the service: later messages to it are dropped, and a receiver waiting on it gets an
   * {@link IllegalStateException}.
   */
  @Override
  void close();
}
