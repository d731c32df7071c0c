package io.steelmill.runtime;

import io.steelmill.runtime.internal.NodeContext;
import org.slf4j.MDC;

/**
 * The SLF4J MDC keys {@code node} and {@code daemon} around a node's lifecycle code and its log
 * lines. Each scope puts back what it found (a caller may have keys of its own, or of another
 * node), rather than removing the keys.
 */
final class Mdc {
  private Mdc() {}

  /** Code that may throw. */
  @FunctionalInterface
  interface Action {
    void call() throws Exception;
  }

  /**
   * Runs {@code action} with {@code node} and {@code daemon} in the MDC ({@code daemon} null: no
   * daemon key) and {@code node} as the {@link NodeContext}; restores all three afterwards.
   */
  static void with(String node, String daemon, Action action) throws Exception {
    String previousNode = MDC.get("node");
    String previousDaemon = MDC.get("daemon");
    String previousContext = NodeContext.enter(node);
    MDC.put("node", node);
    put("daemon", daemon);
    try {
      action.call();
    } finally {
      NodeContext.restore(previousContext);
      put("daemon", previousDaemon);
      put("node", previousNode);
    }
  }

  /** Logs (or runs any code that cannot throw) within {@link #with}. */
  static void log(String node, String daemon, Runnable line) {
    try {
      with(node, daemon, line::run);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e); // a Runnable throws no checked exception
    }
  }

  private static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
