package io.steelmill.testing;

import io.steelmill.runtime.FactoryException;
import io.steelmill.runtime.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Several nodes of one cluster in one test, each driven by its own body on its own virtual
 * thread:
 *
 * <pre>{@code
 * var ambient = SteelmillHello.ambient();
 * MultiNode<SteelmillHello> test = MultiNode.of(ambient, ambient::node);
 * test.spawn("alice", node -> { node.alice(); node.start(); ... });
 * test.spawn("bob", node -> { node.bob(); node.start(); ... });
 * test.awaitAll();   // every body returned, every node stopped cleanly, or a named failure
 * }</pre>
 *
 * <p>{@link #awaitAll()} passes when every body returns and every node stops without error. It
 * fails with the first error (a body's, or a daemon's {@link FactoryException} naming the node,
 * the daemon and the phase) with the others suppressed. A daemon failure stops the whole cluster
 * and interrupts the bodies still running. Past the deadline, the bodies still running are
 * reported with their stacks: the test never hangs.
 *
 * @param <N> the generated node type
 */
public final class MultiNode<N extends Node> {
  /** A node's test body. */
  @FunctionalInterface
  public interface Body<N> {
    void run(N node) throws Exception;
  }

  private final Node root;
  private final Function<String, N> newNode;
  private final List<Spawned<N>> spawned = new ArrayList<>();
  private Duration deadline = Duration.ofSeconds(60);

  private record Spawned<N>(String name, N node, Thread thread, Throwable[] error) {}

  private MultiNode(Node root, Function<String, N> newNode) {
    this.root = root;
    this.newNode = newNode;
  }

  /** Nodes made by {@code newNode} (usually {@code ambient::node}) under {@code root}. */
  public static <N extends Node> MultiNode<N> of(Node root, Function<String, N> newNode) {
    return new MultiNode<>(root, newNode);
  }

  /** How long {@link #awaitAll()} waits for the bodies and the shutdown (default 60 s). */
  public MultiNode<N> deadline(Duration deadline) {
    this.deadline = deadline;
    return this;
  }

  /** Creates the node {@code name} and runs {@code body} with it on a virtual thread. */
  public N spawn(String name, Body<N> body) {
    N node = newNode.apply(name);
    Throwable[] error = new Throwable[1];
    Thread thread =
        Thread.ofVirtual()
            .name("test/" + name)
            .start(
                () -> {
                  try {
                    body.run(node);
                  } catch (Throwable e) {
                    error[0] = e;
                    root.stop();
                  }
                });
    spawned.add(new Spawned<>(name, node, thread, error));
    return node;
  }

  /**
   * Waits for every body, then stops the cluster and checks that everything stopped cleanly.
   *
   * @throws AssertionError naming what failed or what was still running at the deadline
   */
  public void awaitAll() throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    List<String> hung = new ArrayList<>();
    for (Spawned<N> s : spawned) {
      while (!s.thread().join(Duration.ofMillis(20))) {
        if (root.awaitTermination(Duration.ZERO)) {
          s.thread().interrupt(); // the cluster is down: unblock bodies waiting on it
        }
        if (System.nanoTime() > end) {
          hung.add(describe(s));
          s.thread().interrupt();
          break;
        }
      }
    }
    root.stop();
    List<Throwable> errors = new ArrayList<>();
    root.failure().ifPresent(errors::add);
    for (Spawned<N> s : spawned) {
      Throwable error = s.error()[0];
      boolean causedByShutdown = error instanceof InterruptedException && !errors.isEmpty();
      if (error != null && !causedByShutdown && !alreadyReported(error, errors)) {
        errors.add(new AssertionError("body of node \"" + s.name() + "\" failed: " + error, error));
      }
    }
    if (!hung.isEmpty()) {
      errors.add(
          0,
          new AssertionError(
              "still running after the deadline of " + deadline + ":\n" + String.join("\n", hung)));
    }
    failWith(errors);
  }

  /** A body that threw its node's own error (a failed start()): the cluster's failure has it. */
  private static boolean alreadyReported(Throwable error, List<Throwable> errors) {
    if (errors.isEmpty()) {
      return false;
    }
    Throwable summary = errors.get(0);
    return error == summary || List.of(summary.getSuppressed()).contains(error);
  }

  /** The node spawned as {@code name}. */
  public Optional<N> node(String name) {
    return spawned.stream().filter(s -> s.name().equals(name)).map(Spawned::node).findFirst();
  }

  private static void failWith(List<Throwable> errors) {
    if (errors.isEmpty()) {
      return;
    }
    Throwable first = errors.get(0);
    AssertionError failure =
        first instanceof AssertionError assertion
            ? assertion
            : new AssertionError(first.getMessage(), first);
    for (Throwable other : errors.subList(1, errors.size())) {
      failure.addSuppressed(other);
    }
    throw failure;
  }

  private String describe(Spawned<N> s) {
    StringBuilder text = new StringBuilder("  body of node \"" + s.name() + "\", at:");
    for (StackTraceElement frame : s.thread().getStackTrace()) {
      text.append("\n        at ").append(frame);
    }
    return text.toString();
  }
}
