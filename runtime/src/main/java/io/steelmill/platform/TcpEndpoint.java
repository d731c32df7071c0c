package io.steelmill.platform;

import io.steelmill.runtime.internal.Clocks;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A service bound on a TCP node: a bounded inbox that the connection readers fill. When the inbox
 * holds {@link TcpLimits#inboxMessages()} messages or {@link TcpLimits#inboxBytes()} payload
 * bytes, a reader with one more message waits for room (it stops reading from its peer) for up to
 * {@link TcpLimits#inboxWait()}, then drops the message. A reply completes a waiting {@link
 * #call} only if it comes from the address that was called; any other is counted as forged.
 */
final class TcpEndpoint<M> implements Endpoint<M> {
  private record Queued<M>(Envelope<M> envelope, int bytes) {}

  /** A call waiting for its reply, which only the called address may give. */
  private record Pending<M>(Address callee, CompletableFuture<M> reply) {}

  private final TcpNetwork network;
  private final Address address;
  private final Codec<M> codec;
  private final TcpLimits limits;
  private final TcpCounters counters;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final ArrayDeque<Queued<M>> inbox = new ArrayDeque<>(); // guarded by lock
  private long inboxBytes; // guarded by lock
  private volatile boolean closed;
  private final AtomicLong lastRequestId = new AtomicLong();
  private final Map<Long, Pending<M>> pending = new ConcurrentHashMap<>();

  TcpEndpoint(TcpNetwork network, Address address, Codec<M> codec, TcpCounters counters) {
    this.network = network;
    this.address = address;
    this.codec = codec;
    this.limits = network.limits();
    this.counters = counters;
  }

  @Override
  public Address address() {
    return address;
  }

  @Override
  public void send(Address to, M message) {
    ensureOpen();
    network.send(address, to, message, codec, 0, 0);
  }

  @Override
  public Optional<M> call(Address to, M request, Duration timeout) throws InterruptedException {
    ensureOpen();
    long id = lastRequestId.incrementAndGet();
    CompletableFuture<M> reply = new CompletableFuture<>();
    pending.put(id, new Pending<>(to, reply));
    try {
      network.send(address, to, request, codec, id, 0);
      return Optional.of(reply.get(Clocks.boundedNanos(timeout), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
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
    return take(Long.MAX_VALUE).orElseThrow();
  }

  @Override
  public Optional<Envelope<M>> receive(Duration timeout) throws InterruptedException {
    return take(Clocks.boundedNanos(timeout));
  }

  private Optional<Envelope<M>> take(long nanos) throws InterruptedException {
    lock.lock();
    try {
      long left = nanos;
      while (inbox.isEmpty()) {
        ensureOpen();
        if (left <= 0) {
          return Optional.empty();
        }
        left = nanos == Long.MAX_VALUE ? awaitForever() : notEmpty.awaitNanos(left);
      }
      Queued<M> next = inbox.poll();
      inboxBytes -= next.bytes();
      notFull.signal();
      return Optional.of(next.envelope());
    } finally {
      lock.unlock();
    }
  }

  private long awaitForever() throws InterruptedException {
    notEmpty.await();
    return Long.MAX_VALUE;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    lock.lock();
    try {
      closed = true;
      notEmpty.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
    network.unbind(address, this);
    pending.values().forEach(
        p -> p.reply().completeExceptionally(new IllegalStateException("closed")));
  }

  /**
   * Decodes and queues a payload, waiting up to the inbox wait for room; a malformed one is an
   * {@link IllegalArgumentException} from the codec.
   */
  void deliver(Address from, byte[] payload, long requestId, long replyTo)
      throws InterruptedException {
    M message = codec.decode(payload);
    if (replyTo != 0) {
      Pending<M> waiting = pending.get(replyTo);
      if (waiting != null && !waiting.callee().equals(from)) {
        // request ids are guessable: another authenticated peer must not answer for the callee
        counters.forgedSenders.incrementAndGet();
        return;
      }
      if (waiting != null) {
        waiting.reply().complete(message); // a late or duplicate reply finds nobody: dropped
      }
      return;
    }
    lock.lock();
    try {
      boolean paused = false;
      long left = limits.inboxWait().toNanos();
      while (!closed && isFull(payload.length)) {
        if (!paused) {
          paused = true;
          counters.inboxPauses.incrementAndGet();
        }
        if (left <= 0) {
          counters.inboxDrops.incrementAndGet();
          return;
        }
        left = notFull.awaitNanos(left);
      }
      if (!closed) {
        inbox.add(new Queued<>(new Envelope<>(from, message, requestId), payload.length));
        inboxBytes += payload.length;
        notEmpty.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The payload bytes waiting in the inbox. */
  long queuedBytes() {
    lock.lock();
    try {
      return inboxBytes;
    } finally {
      lock.unlock();
    }
  }

  private boolean isFull(int bytes) {
    return inbox.size() >= limits.inboxMessages()
        || !inbox.isEmpty() && inboxBytes + bytes > limits.inboxBytes();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(address + " is closed");
    }
  }

  @Override
  public String toString() {
    return "tcp endpoint " + address;
  }
}
