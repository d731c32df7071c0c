package io.steelmill.examples.hello;

import io.steelmill.Daemon;
import java.io.PrintStream;

/** Bob signs the guest book too. */
@Daemon
public final class Bob extends Guest {
  Bob(GuestBook book, PrintStream out) {
    super("Bob", book, out);
  }
}
