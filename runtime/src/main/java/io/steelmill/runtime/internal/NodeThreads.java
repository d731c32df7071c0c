package io.steelmill.runtime.internal;

import io.steelmill.runtime.NodeId;

/**
 * Makes the threads a node starts for its own work (a daemon's {@code run()}, its stop): each is
 * tagged with the node's {@link NodeId} when it is created and runs with it as its {@link
 * NodeContext}. On a simulated task the simulation kernel makes them (it registers itself here,
 * as with {@link Clocks}), so that its task carries the id from the start; anywhere else they are
 * virtual threads named {@code node/what}.
 */
public final class NodeThreads {
  /** The kernel's maker: a simulated task on a simulated thread, else null. */
  @FunctionalInterface
  public interface Maker {
    Thread unstarted(NodeId node, String what, Runnable body);
  }

  private static volatile Maker simulated = (node, what, body) -> null;

  private NodeThreads() {}

  /** Registers the kernel's maker (see {@link Maker}). */
  public static void whenSimulated(Maker maker) {
    simulated = maker;
  }

  /** An unstarted thread that does {@code body} for {@code node}. */
  public static Thread unstarted(NodeId node, String what, Runnable body) {
    Runnable onNode = () -> {
      NodeContext.enter(node);
      body.run();
    };
    Thread thread = simulated.unstarted(node, what, onNode);
    return thread != null ? thread : Thread.ofVirtual().name(node.threadName(what)).unstarted(onNode);
  }
}
