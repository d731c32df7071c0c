package io.steelmill.sim;

import io.steelmill.platform.Address;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/** A simulated endpoint: a mailbox that the network's delivery timers fill. */
final class SimEndpoint<M> implements Endpoint<M> {
  private final SimNetwork network;
  private final Address address;
  private final ArrayDeque<Envelope<M>> mailbox = new ArrayDeque<>();
  private Thread waiter;
  private boolean closed;
  private long lastRequestId;
  private final java.util.Map<Long, Pending<M>> pending = new java.util.HashMap<>();

  /** A call waiting for its reply. */
  private static final class Pending<M> {
    final Thread caller;
    M reply;
    boolean answered;

    Pending(Thread caller) {
      this.caller = caller;
    }
  }

  SimEndpoint(SimNetwork network, Address address) {
    this.network = network;
    this.address = address;
  }

  @Override
  public Address address() {
    return address;
  }

  @Override
  public void send(Address to, M message) {
    Simulation.current().checkAlive();
    if (closed) {
      throw new IllegalStateException(address + " is closed");
    }
    network.send(address, to, message, 0, 0);
  }

  @Override
  public Optional<M> call(Address to, M request, Duration timeout) throws InterruptedException {
    Simulation sim = Simulation.current();
    sim.checkAlive();
    if (closed) {
      throw new IllegalStateException(address + " is closed");
    }
    long id = ++lastRequestId;
    Pending<M> slot = new Pending<>(Thread.currentThread());
    pending.put(id, slot);
    boolean[] expired = {false};
    Timer timer = sim.schedule(timeout.toNanos(), () -> {
      expired[0] = true;
      LockSupport.unpark(slot.caller);
    });
    try {
      network.send(address, to, request, id, 0);
      while (!slot.answered && !expired[0]) {
        LockSupport.park(this);
        sim.checkAlive();
        if (closed) {
          throw new IllegalStateException(address + " is closed");
        }
        if (Thread.interrupted()) {
          throw new InterruptedException(address + ": interrupted while calling " + to);
        }
      }
      return slot.answered ? Optional.of(slot.reply) : Optional.empty();
    } finally {
      pending.remove(id);
      timer.cancel(false);
    }
  }

  @Override
  public void reply(Envelope<M> request, M response) {
    Simulation.current().checkAlive();
    if (!request.isRequest()) {
      throw new IllegalArgumentException("not a request: " + request);
    }
    network.send(address, request.from(), response, 0, request.requestId());
  }

  @Override
  public Envelope<M> receive() throws InterruptedException {
    Simulation.current();
    while (true) {
      Envelope<M> next = poll();
      if (next != null) {
        return next;
      }
      await();
    }
  }

  @Override
  public Optional<Envelope<M>> receive(Duration timeout) throws InterruptedException {
    Simulation sim = Simulation.current();
    Envelope<M> next = poll();
    if (next != null) {
      return Optional.of(next);
    }
    Thread self = Thread.currentThread();
    boolean[] expired = {false};
    Timer timer = sim.schedule(timeout.toNanos(), () -> {
      expired[0] = true;
      LockSupport.unpark(self);
    });
    try {
      while (true) {
        next = poll();
        if (next != null) {
          return Optional.of(next);
        }
        if (expired[0]) {
          return Optional.empty();
        }
        await();
      }
    } finally {
      timer.cancel(false);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      network.unbind(address);
      if (waiter != null) {
        LockSupport.unpark(waiter);
      }
      for (Pending<M> slot : pending.values()) {
        LockSupport.unpark(slot.caller);
      }
    }
  }

  /** Called on the carrier by a delivery timer; false when closed or nobody waits for it. */
  boolean accept(Address from, M message, long requestId, long replyTo) {
    if (closed) {
      return false;
    }
    if (replyTo != 0) {
      Pending<M> slot = pending.get(replyTo);
      if (slot == null || slot.answered) {
        return false; // late or duplicate reply
      }
      slot.reply = message;
      slot.answered = true;
      LockSupport.unpark(slot.caller);
      return true;
    }
    mailbox.add(new Envelope<>(from, message, requestId));
    if (waiter != null) {
      LockSupport.unpark(waiter);
    }
    return true;
  }

  private Envelope<M> poll() {
    if (closed) {
      throw new IllegalStateException(address + " is closed");
    }
    return mailbox.poll();
  }

  private void await() throws InterruptedException {
    waiter = Thread.currentThread();
    try {
      LockSupport.park(this);
    } finally {
      waiter = null;
    }
    Simulation.current().checkAlive();
    if (Thread.interrupted()) {
      throw new InterruptedException(address + ": interrupted while receiving");
    }
  }

  @Override
  public String toString() {
    return "endpoint " + address + " (" + mailbox.size() + " queued)";
  }
}
