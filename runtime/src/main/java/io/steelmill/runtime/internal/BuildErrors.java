package io.steelmill.runtime.internal;

import io.steelmill.runtime.FactoryException;
import io.steelmill.runtime.NodeStoppingException;
import io.steelmill.runtime.Phase;
import java.util.List;

/**
 * The errors of a construction, in one place: each names the node, the daemon and the path of
 * daemons being built when it happened, and says what to change. {@link FactoryCore} decides when
 * one is thrown; this class only words it, and is loaded only when one is.
 */
final class BuildErrors {
  private BuildErrors() {}

  /** A cycle closed at run time through a {@code Provider}. */
  static FactoryException cycle(String node, String daemon, List<String> path) {
    return construction(
        node,
        daemon,
        path,
        daemon
            + " was requested while it was being built, through a Provider.get() called from a"
            + " constructor. Fix: call get() later (in prepare() or run()), not while"
            + " constructing.");
  }

  /** A request to a node that began to stop: cancelled, not failed. */
  static NodeStoppingException stopping(String node, String daemon) {
    return new NodeStoppingException(
        node,
        daemon
            + " was requested from node \""
            + node
            + "\" after it began to stop; a stopping node builds nothing new, so the request"
            + " is cancelled.");
  }

  /** A first request after the node started and sealed. */
  static FactoryException sealed(String node, String daemon, List<String> path) {
    return construction(
        node,
        daemon,
        path,
        daemon
            + " was first requested after the node started, and a started node is sealed."
            + " Fix: request it (or a daemon that needs it) before calling start().");
  }

  /** A constructor or provides method that threw {@code thrown}. */
  static FactoryException threw(String node, String daemon, List<String> path, Throwable thrown) {
    return new FactoryException(node, daemon, Phase.CONSTRUCT, path, null, thrown);
  }

  /** A {@code @Provides} method ({@code method}, or null if unknown) that returned null. */
  static FactoryException returnedNull(
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

  /** {@code inject} on a binding that is already built. */
  static IllegalStateException alreadyBuilt(String node, String daemon) {
    return new IllegalStateException(
        daemon
            + " is already built in node \""
            + node
            + "\"; an instance can only be injected before anything requests it."
            + " Fix: call inject() right after creating the node.");
  }

  /** An {@code @Factory(injected = ...)} binding requested before its instance was injected. */
  static FactoryException notInjected(String node, String daemon, List<String> path) {
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
