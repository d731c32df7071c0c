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
  private final java.util.concurrent.atomic.AtomicLong lastRequestId =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.Map<Long, java.util.concurrent.CompletableFuture<M>> pending =
      new java.util.concurrent.ConcurrentHashMap<>();

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
    network.send(address, to, message, codec, 0, 0);
  }

  @Override
  public Optional<M> call(Address to, M request, Duration timeout) throws InterruptedException {
    if (closed) {
      throw new IllegalStateException(address + " is closed");
    }
    long id = lastRequestId.incrementAndGet();
    java.util.concurrent.CompletableFuture<M> reply = new java.util.concurrent.CompletableFuture<>();
    pending.put(id, reply);
    try {
      network.send(address, to, request, codec, id, 0);
      return Optional.of(reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (java.util.concurrent.TimeoutException e) {
      return Optional.empty();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(address + " is closed", e.getCause());
    } finally {
      pending.remove(id);
    }
  }

  @Override
  public void reply(Envelope<M> request, M response) {
    if (!request.isRequest()) {
      throw new IllegalArgumentException("not a request: " + request);
    }
    network.send(address, request.from(), response, codec, 0, request.requestId());
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
      pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("closed")));
    }
  }

  /** Decodes and queues a payload; a malformed one is an {@link IllegalArgumentException}. */
  void accept(Address from, byte[] payload, long requestId, long replyTo) {
    M message = codec.decode(payload);
    if (replyTo != 0) {
      java.util.concurrent.CompletableFuture<M> waiting = pending.get(replyTo);
      if (waiting != null) {
        waiting.complete(message); // a late or duplicate reply finds nobody and is dropped
      }
      return;
    }
    inbox.add(new Envelope<>(from, message, requestId));
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
