package io.steelmill.runtime;

import io.steelmill.runtime.internal.Bindings;
import io.steelmill.runtime.internal.FactoryCore;

/**
 * A first build as a generated factory makes it, for {@link FirstBuildLoadsTest}, which runs it in
 * a class loader of its own: a node with a private ambient factory as its parent, a binding table
 * whose second line needs the first, and a dispatch that reads what a binding needs from {@link
 * #built}. A class of its own, and one that throws and catches nothing, so that what its own
 * verification loads is not counted against the runtime's.
 */
final class FirstBuildProbe extends Node {
  private FirstBuildProbe(String name, Node parent, String table) {
    super(new FactoryCore(name, Bindings.of(table)), parent);
  }

  /** Builds both bindings of a node made as {@code create()} makes one; returns the second. */
  static Object build() {
    FirstBuildProbe ambient = new FirstBuildProbe("ambient", null, "");
    FirstBuildProbe node = new FirstBuildProbe("main", ambient, """
        daemon - A
        daemon - [0] B
        """);
    node.ownParent();
    return node.memo(1);
  }

  @Override
  protected Object construct(int id) {
    return id == 0 ? new Object() : new Object[] {built[0]};
  }
}
