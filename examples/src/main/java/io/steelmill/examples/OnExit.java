package io.steelmill.examples;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a run must undo if the JVM is told to stop while it runs (Ctrl-C, {@code kill}, a
 * container stopping it): without it, {@code cluster run} ended by a signal left its nodes
 * unstopped, its embedded ZooKeeper's data and its replicas' folders in the temporary directory.
 * A run registers each resource when it makes it, and closes it through its registration when its
 * own scope ends; on a signal, a shutdown hook closes what is still registered, the last made
 * first, and says so in one line on stderr. Each close is bounded by what it closes (a node's stop
 * by its grace period).
 *
 * <p>Each resource is closed once: a signal arrives while the run's own scope ends too, so the
 * hook and the run's thread may reach the same resource at once; the second waits for the first
 * to finish (two threads removing one folder met each other's deletions as errors, and two closing
 * one cluster stopped its nodes twice at once).
 */
public final class OnExit {
  /**
   * A registered resource; closing it closes the resource, once, and unregisters it. Its close
   * throws what the resource's did (a checked one other than an {@code IOException} wrapped in
   * one); an interrupt while the hook closes it is an {@code InterruptedIOException}.
   */
  public interface Registration extends AutoCloseable {
    @Override
    void close() throws IOException;
  }

  /** A resource closed at most once, by whichever of its scope and the hook comes first. */
  private static final class Entry {
    private final String what;
    private final AutoCloseable resource;
    private boolean closing; // guarded by this
    private boolean closed; // guarded by this

    Entry(String what, AutoCloseable resource) {
      this.what = what;
      this.resource = resource;
    }

    /** Closes the resource unless another thread did or does: then waits for it to finish. */
    void closeOnce() throws IOException {
      synchronized (this) {
        if (closing) {
          while (!closed) {
            try {
              wait();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new InterruptedIOException("interrupted while " + what + " was being closed");
            }
          }
          return;
        }
        closing = true;
      }
      try {
        resource.close();
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new IOException(e.getMessage(), e);
      } finally {
        synchronized (this) {
          closed = true;
          notifyAll();
        }
      }
    }
  }

  private static final Deque<Entry> PENDING = new ArrayDeque<>(); // guarded by OnExit.class
  private static boolean hooked; // guarded by OnExit.class

  private OnExit() {}

  /** Closes {@code resource} (called {@code what} in messages) if the JVM stops before it is. */
  public static synchronized Registration register(String what, AutoCloseable resource) {
    if (!hooked) {
      try {
        Runtime.getRuntime().addShutdownHook(new Thread(OnExit::closeAll, "steelmill-on-exit"));
        hooked = true;
      } catch (IllegalStateException shuttingDown) {
        // the JVM stops already (a signal came as the run began): its scope closes it
      }
    }
    Entry entry = new Entry(what, resource);
    PENDING.push(entry);
    return () -> {
      try {
        entry.closeOnce();
      } finally {
        synchronized (OnExit.class) {
          PENDING.remove(entry);
        }
      }
    };
  }

  /** The shutdown hook's work; package-private for tests (they call it as the JVM would). */
  static void closeAll() {
    List<Entry> entries;
    synchronized (OnExit.class) {
      entries = new ArrayList<>(PENDING); // the last registered first
      PENDING.clear();
    }
    if (entries.isEmpty()) {
      return;
    }
    System.err.println("stopped by a signal: closing "
        + String.join(", ", entries.stream().map(entry -> entry.what).toList()));
    for (Entry entry : entries) {
      try {
        entry.closeOnce();
      } catch (Exception | Error e) {
        System.err.println("could not close " + entry.what + " on the way out: "
            + Cli.oneLine(String.valueOf(e.getMessage())));
      }
    }
  }
}
