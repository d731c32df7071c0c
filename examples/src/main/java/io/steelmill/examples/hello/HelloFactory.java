package io.steelmill.examples.hello;

import io.steelmill.Factory;
import java.io.PrintStream;

/**
 * The node of the hello example. Its entry points are the two guests; the guest book is built
 * only through them. Where output goes is handed in at run time.
 */
@Factory(injected = PrintStream.class)
public interface HelloFactory {
  Alice alice();

  Bob bob();
}
