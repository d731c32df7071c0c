package io.steelmill.examples.hello;

import io.steelmill.Daemon;
import java.io.PrintStream;

/** Alice signs the guest book. */
@Daemon
public final class Alice extends Guest {
  Alice(GuestBook book, PrintStream out) {
    super("Alice", book, out);
  }
}
