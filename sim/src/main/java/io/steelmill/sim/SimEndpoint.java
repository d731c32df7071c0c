package io.steelmill.sim;

import io.steelmill.platform.Address;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.runtime.internal.Clocks;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** A simulated endpoint: a mailbox that the network's delivery timers fill. */
final class SimEndpoint<M> implements Endpoint<M> {
  private final SimNetwork network;
  private final Address address;
  private final io.steelmill.platform.Codec<M> codec;
  private final ArrayDeque<Envelope<M>> mailbox = new ArrayDeque<>();
  /**
   * The calls waiting for their replies, the latest first: a short chain (one entry per task in
   * a call on this endpoint), so no map entry and no boxed id per call.
   */
  private Reply pending;
  private final SimCondition arrivals = new SimCondition(this);
  private boolean closed;
  /** What a receive waits for; one per endpoint instead of one per receive. */
  private final BooleanSupplier closedOrQueued = () -> closed || !mailbox.isEmpty();

  /** The reply a call waits for, and the condition of its wait (answered, or closed). */
  private final class Reply implements BooleanSupplier {
    final long id;
    Reply next;
    M message;
    boolean answered;

    Reply(long id, Reply next) {
      this.id = id;
      this.next = next;
    }

    @Override
    public boolean getAsBoolean() {
      return answered || closed;
    }
  }

  SimEndpoint(SimNetwork network, Address address, io.steelmill.platform.Codec<M> codec) {
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
    network.sim().checkAlive();
    checkOpen();
    network.send(address, to, message, 0, 0, DataDigest.ofMessage(codec, message));
  }

  @Override
  public Optional<M> call(Address to, M request, Duration timeout) throws InterruptedException {
    network.sim().checkAlive();
    checkOpen();
    long id = network.nextRequestId();
    Reply reply = new Reply(id, pending);
    pending = reply;
    try {
      network.send(address, to, request, id, 0, DataDigest.ofMessage(codec, request));
      arrivals.await(reply, Clocks.boundedNanos(timeout));
      checkOpen();
      return reply.answered ? Optional.of(reply.message) : Optional.empty();
    } finally {
      removePending(reply);
    }
  }

  @Override
  public void reply(Envelope<M> request, M response) {
    network.sim().checkAlive();
    if (!request.isRequest()) {
      throw new IllegalArgumentException("not a request: " + request);
    }
    network.send(address, request.from(), response, 0, request.requestId(),
        DataDigest.ofMessage(codec, response));
  }

  @Override
  public Envelope<M> receive() throws InterruptedException {
    arrivals.await(closedOrQueued, -1);
    checkOpen();
    return mailbox.poll();
  }

  @Override
  public Optional<Envelope<M>> receive(Duration timeout) throws InterruptedException {
    arrivals.await(closedOrQueued, Clocks.boundedNanos(timeout));
    checkOpen();
    return Optional.ofNullable(mailbox.poll());
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      network.unbind(address);
      arrivals.signalAll();
    }
  }

  /** Called on the carrier by a delivery timer; false when closed or nobody waits for it. */
  boolean accept(Address from, M message, long requestId, long replyTo) {
    if (closed) {
      return false;
    }
    if (replyTo != 0) {
      Reply reply = pending;
      while (reply != null && reply.id != replyTo) {
        reply = reply.next;
      }
      if (reply == null || reply.answered) {
        return false; // late or duplicate reply
      }
      reply.message = message;
      reply.answered = true;
    } else {
      mailbox.add(new Envelope<>(from, message, requestId));
    }
    arrivals.signalAll();
    return true;
  }

  /** Takes {@code reply} off the chain of pending calls. */
  private void removePending(Reply reply) {
    if (pending == reply) {
      pending = reply.next;
      return;
    }
    Reply before = pending;
    while (before != null && before.next != reply) {
      before = before.next;
    }
    if (before != null) {
      before.next = reply.next;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(address + " is closed");
    }
  }

  @Override
  public String toString() {
    return "endpoint " + address + " (" + mailbox.size() + " queued)";
  }
}
