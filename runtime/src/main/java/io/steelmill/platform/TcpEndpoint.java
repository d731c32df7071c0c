package io.steelmill.platform;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A service bound on a TCP node: a queue that the connection readers fill. */
final class TcpEndpoint<M> implements Endpoint<M> {
  private static final Envelope<Object> CLOSED = new Envelope<>(null, null);

  private final TcpNetwork network;
  private final Address address;
  private final Codec<M> codec;
  private final LinkedBlockingQueue<Envelope<?>> inbox = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  TcpEndpoint(TcpNetwork network, Address address, Codec<M> codec) {
    this.network = network;
    this.address = address;
    this.codec = codec;
  }

  @Override
  public Address address() {
    return address;
  }

  @Override
  public void send(Address to, M message) {
    if (closed) {
      throw new IllegalStateException(address + " is closed");
    }
    network.send(address, to, message, codec);
  }

  @Override
  public Envelope<M> receive() throws InterruptedException {
    return checked(inbox.take());
  }

  @Override
  public Optional<Envelope<M>> receive(Duration timeout) throws InterruptedException {
    Envelope<?> next = inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    return next == null ? Optional.empty() : Optional.of(checked(next));
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      network.unbind(address);
      inbox.add(CLOSED);
    }
  }

  /** Decodes and queues a payload; a malformed one is an {@link IllegalArgumentException}. */
  void accept(Address from, byte[] payload) {
    M message = codec.decode(payload);
    inbox.add(new Envelope<>(from, message));
  }

  @SuppressWarnings("unchecked")
  private Envelope<M> checked(Envelope<?> envelope) {
    if (envelope == CLOSED) {
      inbox.add(CLOSED); // wake every other receiver too
      throw new IllegalStateException(address + " is closed");
    }
    return (Envelope<M>) envelope;
  }

  @Override
  public String toString() {
    return "tcp endpoint " + address;
  }
}
