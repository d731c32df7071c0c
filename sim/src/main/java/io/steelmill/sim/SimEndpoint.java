package io.steelmill.sim;

import io.steelmill.platform.Address;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.platform.Names;
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
  /** The bytes each queued message arrived as, in the mailbox's order, and their sum. */
  private int[] sizes = new int[16];
  private int sizesHead;
  private long mailboxBytes;
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
    /** Whom the request went to: the only sender whose reply answers it. */
    final Address callee;
    Reply next;
    M message;
    boolean answered;

    Reply(long id, Address callee, Reply next) {
      this.id = id;
      this.callee = callee;
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
    byte[] wire = DataDigest.wire(codec, message);
    network.send(address, to, message, wire, 0, 0, DataDigest.ofMessage(codec, message, wire));
  }

  @Override
  public Optional<M> call(Address to, M request, Duration timeout) throws InterruptedException {
    network.sim().checkAlive();
    checkOpen();
    long id = network.nextRequestId();
    Reply reply = new Reply(id, to, pending);
    pending = reply;
    try {
      byte[] wire = DataDigest.wire(codec, request);
      network.send(address, to, request, wire, id, 0, DataDigest.ofMessage(codec, request, wire));
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
    byte[] wire = DataDigest.wire(codec, response);
    network.send(address, request.from(), response, wire, 0, request.requestId(),
        DataDigest.ofMessage(codec, response, wire));
  }

  @Override
  public Envelope<M> receive() throws InterruptedException {
    arrivals.await(closedOrQueued, -1);
    checkOpen();
    return take();
  }

  @Override
  public Optional<Envelope<M>> receive(Duration timeout) throws InterruptedException {
    arrivals.await(closedOrQueued, Clocks.boundedNanos(timeout));
    checkOpen();
    return Optional.ofNullable(take());
  }

  /**
   * The mailbox's bound: production's default inbox ({@code TcpLimits.defaults()}: 10,000
   * messages, 16 MiB), past which a message is dropped, as production drops it once its inbox
   * stayed full. Unbounded, a peer sending in a loop to a node that does not keep up filled the
   * heap of the whole JVM (every run of a sweep with it), where production sheds the flood.
   */
  static final int INBOX_MESSAGES = io.steelmill.platform.TcpLimits.defaults().inboxMessages();

  static final long INBOX_BYTES = io.steelmill.platform.TcpLimits.defaults().inboxBytes();

  /** The next queued message, its size let go; null when none. */
  private Envelope<M> take() {
    Envelope<M> next = mailbox.poll();
    if (next != null) {
      mailboxBytes -= sizes[sizesHead];
      sizesHead = (sizesHead + 1) % sizes.length;
    }
    return next;
  }

  /** Queues the size of the message just added (the ring grows with the mailbox). */
  private void pushSize(int size) {
    int count = mailbox.size(); // the new message included
    if (count > sizes.length) {
      int[] grown = new int[sizes.length * 2];
      for (int i = 0; i < count - 1; i++) {
        grown[i] = sizes[(sizesHead + i) % sizes.length];
      }
      sizes = grown;
      sizesHead = 0;
    }
    sizes[(sizesHead + count - 1) % sizes.length] = size;
    mailboxBytes += size;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      network.unbind(address);
      arrivals.signalAll();
    }
  }

  /** What {@link #arrived} returns for a message its codec refused. */
  private static final Object REFUSED = new Object();

  /**
   * Called on the carrier by a delivery timer; false when closed or nobody waits for it. The
   * message arrives as production's does: decoded by this endpoint's codec from the bytes its
   * sender's codec encoded at send time ({@code wire}), so a sender that changes a message after
   * sending it changes nothing here, and each copy of a duplicated message is an object of its
   * own. Only a message its codec could not encode ({@code wire} null) arrives as it was sent.
   */
  @SuppressWarnings("unchecked")
  boolean accept(Address from, Object message, byte[] wire, long requestId, long replyTo) {
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
      if (!reply.callee.equals(from)) {
        // request ids are guessable: another peer must not answer for the callee (the
        // production network drops such a reply too, counted as a forged sender)
        return false;
      }
      Object decoded = arrived(from, message, wire);
      if (decoded == REFUSED) {
        return false;
      }
      reply.message = (M) decoded;
      reply.answered = true;
    } else {
      int size = wire == null ? 0 : wire.length;
      if (mailbox.size() >= INBOX_MESSAGES
          || !mailbox.isEmpty() && mailboxBytes + size > INBOX_BYTES) {
        return false; // full: dropped, as production's bounded inbox drops a flood
      }
      Object decoded = arrived(from, message, wire);
      if (decoded == REFUSED) {
        return false;
      }
      mailbox.add(new Envelope<>(from, (M) decoded, requestId));
      pushSize(size);
    }
    arrivals.signalAll();
    return true;
  }

  /**
   * The message as this endpoint's codec decodes a copy of its sent bytes. A codec that refuses
   * bytes a codec of the same simulation encoded is a bug that production shows only as closed
   * connections and warnings ("the codec refused a message"): here it fails the run, naming both
   * ends, and the message is {@link #REFUSED}.
   */
  private Object arrived(Address from, Object message, byte[] wire) {
    if (wire == null) {
      return message;
    }
    try {
      return codec.decode(wire);
    } catch (RuntimeException | Error e) { // an Error too: on the carrier it would end the loop
      network.failRun(new SimulationException("SimNetwork: node " + Names.quoted(address.node())
          + ", endpoint " + address + ": its codec refused a message from " + from
          + " that the sender's codec encoded (" + e + "). Fix: make Codec.decode accept every"
          + " byte[] Codec.encode returns for the service " + Names.quoted(address.service()),
          e));
      return REFUSED;
    }
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
