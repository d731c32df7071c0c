package io.steelmill.examples;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a run must undo if the JVM is told to stop while it runs (Ctrl-C, {@code kill}, a
 * container stopping it): without it, {@code cluster run} ended by a signal left its nodes
 * unstopped, its embedded ZooKeeper's data and its replicas' folders in the temporary directory.
 * A run registers each resource when it makes it, and closes the registration when its own scope
 * closes the resource; on a signal, a shutdown hook closes what is still registered, the last
 * made first, and says so in one line on stderr. Each close is bounded by what it closes (a
 * node's stop by its grace period).
 */
public final class OnExit {
  /** A registered resource; closing it unregisters (the scope closes the resource itself). */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private record Entry(String what, AutoCloseable resource) {}

  private static final Deque<Entry> PENDING = new ArrayDeque<>(); // guarded by OnExit.class
  private static boolean hooked; // guarded by OnExit.class

  private OnExit() {}

  /** Closes {@code resource} (called {@code what} in messages) if the JVM stops before it is. */
  public static synchronized Registration register(String what, AutoCloseable resource) {
    if (!hooked) {
      Runtime.getRuntime().addShutdownHook(new Thread(OnExit::closeAll, "steelmill-on-exit"));
      hooked = true;
    }
    Entry entry = new Entry(what, resource);
    PENDING.push(entry);
    return () -> {
      synchronized (OnExit.class) {
        PENDING.remove(entry);
      }
    };
  }

  private static void closeAll() {
    List<Entry> entries;
    synchronized (OnExit.class) {
      entries = new ArrayList<>(PENDING); // the last registered first
      PENDING.clear();
    }
    if (entries.isEmpty()) {
      return;
    }
    System.err.println("stopped by a signal: closing "
        + String.join(", ", entries.stream().map(Entry::what).toList()));
    for (Entry entry : entries) {
      try {
        entry.resource().close();
      } catch (Exception | Error e) {
        System.err.println("could not close " + entry.what() + " on the way out: "
            + Cli.oneLine(String.valueOf(e.getMessage())));
      }
    }
  }
}
