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
    network.send(address, to, message);
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
    }
  }

  /** Called on the carrier by a delivery timer; false when closed. */
  boolean accept(Address from, M message) {
    if (closed) {
      return false;
    }
    mailbox.add(new Envelope<>(from, message));
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
