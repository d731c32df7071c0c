package io.steelmill.runtime;

/**
 * The exceptions {@link Node} and {@link NodeGraph} throw for a call they refuse, worded here and
 * returned typed {@code RuntimeException} for them to throw. Why a class of its own: the verifier
 * of a method that throws an exception of a class loads that class (and its superclasses) to check
 * that it is a {@code Throwable}, and {@code Node} and {@code NodeGraph} are verified in every
 * fresh JVM's first build, which throws none of them (BENCHMARKS.md, "Issue 12, the first build,
 * seventh pass"). This class is loaded only when a call is refused.
 */
final class Refusals {
  private Refusals() {}

  /** {@code inject} into a node that was asked to stop: a {@link NodeStoppingException}. */
  static RuntimeException injectStopping(Node node, Class<?> type) {
    return new NodeStoppingException(node.name(), "Cannot inject " + type.getSimpleName()
        + " into " + node + ": it is stopping, and a stopping node takes nothing new.");
  }

  /** {@code inject} into a started node: an {@link IllegalStateException}. */
  static RuntimeException injectSealed(Node node, Class<?> type) {
    return new IllegalStateException(
        "Cannot inject " + type.getSimpleName() + " into " + node + ": a started node is sealed."
            + " Fix: inject before start().");
  }

  /** A generated child creator's injection into a started node: an IllegalStateException. */
  static RuntimeException injectAtSealed(NodeGraph node) {
    return new IllegalStateException(
        "Cannot inject into " + node + ": a started node is sealed.");
  }
}
