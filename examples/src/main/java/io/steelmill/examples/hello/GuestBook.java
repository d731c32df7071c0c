package io.steelmill.examples.hello;

import io.steelmill.Daemon;
import io.steelmill.runtime.Lifecycle;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A daemon that collects signatures; it reports the guest count when it stops. */
@Daemon
public final class GuestBook implements Lifecycle {
  private final PrintStream out;
  private final List<String> guests = new ArrayList<>();

  GuestBook(PrintStream out) {
    this.out = out;
  }

  /** Adds {@code guest}'s signature. */
  public synchronized void sign(String guest) {
    guests.add(guest);
  }

  /** The guests who signed, in order. */
  public synchronized List<String> guests() {
    return List.copyOf(guests);
  }

  @Override
  public void prepare() {
    out.println("prepare GuestBook: open for signatures");
  }

  @Override
  public void stop() {
    int count = guests().size();
    out.println("stop GuestBook: " + count + (count == 1 ? " guest" : " guests"));
  }
}
