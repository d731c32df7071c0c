package io.steelmill.examples.hello;

import io.steelmill.runtime.Lifecycle;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A daemon that signs the guest book when it runs, then stays until stopped: the shape of every
 * long-running daemon (do work in {@code run()}, return when {@code stop()} says so).
 */
abstract class Guest implements Lifecycle {
  private final String name;
  private final GuestBook book;
  private final PrintStream out;
  private final CountDownLatch signed = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  Guest(String name, GuestBook book, PrintStream out) {
    this.name = name;
    this.book = book;
    this.out = out;
  }

  @Override
  public void prepare() {
    out.println("prepare " + name);
  }

  @Override
  public void run() throws InterruptedException {
    book.sign(name);
    out.println("run " + name + ": signed the guest book");
    signed.countDown();
    stopped.await();
  }

  @Override
  public void stop() {
    out.println("stop " + name);
    stopped.countDown();
  }

  /** Waits until this guest has signed; false on timeout. */
  public boolean awaitSigned(long timeout, TimeUnit unit) throws InterruptedException {
    return signed.await(timeout, unit);
  }
}
