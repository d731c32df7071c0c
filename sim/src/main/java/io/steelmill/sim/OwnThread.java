package io.steelmill.sim;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A platform thread of the simulator's own: a carrier, a carrier's spacer, a sweep's job. A hang report lists the
 * platform threads started during a run as escapes, except these (other simulations side by
 * side); they are told apart by their class, never by their name, which any thread may take.
 */
final class OwnThread extends Thread {
  private OwnThread(String name, Runnable body) {
    super(body, name);
    setDaemon(true);
  }

  /** An unstarted daemon thread of the simulator's own named {@code name}. */
  static Thread unstarted(String name, Runnable body) {
    return new OwnThread(name, body);
  }

  /** Daemon threads of the simulator's own named {@code prefix0}, {@code prefix1}, ... */
  static ThreadFactory factory(String prefix) {
    AtomicInteger next = new AtomicInteger();
    return body -> new OwnThread(prefix + next.getAndIncrement(), body);
  }
}
