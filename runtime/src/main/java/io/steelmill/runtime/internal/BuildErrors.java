package io.steelmill.runtime.internal;

import io.steelmill.runtime.FactoryException;
import io.steelmill.runtime.NodeStoppingException;
import io.steelmill.runtime.Phase;
import java.util.List;

/**
 * The errors of a construction, in one place: each names the node, the daemon and the path of
 * daemons being built when it happened, and says what to change. {@link FactoryCore} decides when
 * one is thrown; this class only words it, and is loaded only when one is.
 *
 * <p>Each is returned typed {@code RuntimeException} (a {@link FactoryException} unless its
 * Javadoc names another class), for the caller to throw: the verifier of a method that throws a
 * {@code FactoryException} loads that class, and its superclasses, to check that it is a {@code
 * Throwable}, so {@code FactoryCore}, verified in every fresh JVM's first build, would load four
 * exception classes it never throws there (BENCHMARKS.md, "Issue 12, the first build, seventh
 * pass").
 */
final class BuildErrors {
  private BuildErrors() {}

  /** A cycle closed at run time through a {@code Provider}. */
  static RuntimeException cycle(String node, String daemon, List<String> path) {
    return construction(
        node,
        daemon,
        path,
        daemon
            + " was requested while it was being built, through a Provider.get() called from a"
            + " constructor. Fix: call get() later (in prepare() or run()), not while"
            + " constructing.");
  }

  /** A request to a node that began to stop: cancelled, not failed (a NodeStoppingException). */
  static RuntimeException stopping(String node, String daemon) {
    return new NodeStoppingException(
        node,
        daemon
            + " was requested from node \""
            + node
            + "\" after it began to stop; a stopping node builds nothing new, so the request"
            + " is cancelled.");
  }

  /** A first request after the node started and sealed. */
  static RuntimeException sealed(String node, String daemon, List<String> path) {
    return construction(
        node,
        daemon,
        path,
        daemon
            + " was first requested after the node started, and a started node is sealed."
            + " Fix: request it (or a daemon that needs it) before calling start().");
  }

  /** A constructor or provides method that threw {@code thrown}. */
  static RuntimeException threw(String node, String daemon, List<String> path, Throwable thrown) {
    return new FactoryException(node, daemon, Phase.CONSTRUCT, path, null, thrown);
  }

  /** A {@code @Provides} method ({@code method}, or null if unknown) that returned null. */
  static RuntimeException returnedNull(
      String node, String daemon, String method, List<String> path) {
    return construction(
        node,
        daemon,
        path,
        (method == null ? "its @Provides method" : "the @Provides method " + method + "()")
            + " returned null for "
            + daemon
            + "; a binding is never null. Fix: return an instance from "
            + (method == null ? "it" : method + "()")
            + ", or throw an exception that says what is missing.");
  }

  /** {@code inject} on a binding that is already built (an IllegalStateException). */
  static RuntimeException alreadyBuilt(String node, String daemon) {
    return new IllegalStateException(
        daemon
            + " is already built in node \""
            + node
            + "\"; an instance can only be injected before anything requests it."
            + " Fix: call inject() right after creating the node.");
  }

  /** An {@code @Factory(injected = ...)} binding requested before its instance was injected. */
  static RuntimeException notInjected(String node, String daemon, List<String> path) {
    return construction(
        node,
        daemon,
        path,
        daemon
            + " is declared in @Factory(injected = ...) but no instance was injected."
            + " Fix: call inject("
            + daemon
            + ".class, instance) before anything needs it.");
  }

  /** A construction error with its own wording (no cause): the daemon's phase is CONSTRUCT. */
  private static FactoryException construction(
      String node, String daemon, List<String> path, String message) {
    return new FactoryException(node, daemon, Phase.CONSTRUCT, path, message, null);
  }
}
