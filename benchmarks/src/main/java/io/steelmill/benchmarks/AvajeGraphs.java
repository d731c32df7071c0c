package io.steelmill.benchmarks;

import io.avaje.inject.BeanScope;
import io.steelmill.benchmarks.avaje.child1000.AvajeChild1000Module;
import io.steelmill.benchmarks.avaje.n100.AvajeGraph100Module;
import io.steelmill.benchmarks.avaje.n1000.AvajeGraph1000Module;

/**
 * The avaje-inject contender: each graph is its own avaje module, and a scope built from it
 * creates every singleton at once. Modules are named explicitly, so no other module on the class
 * path is wired in.
 */
final class AvajeGraphs {
  private AvajeGraphs() {}

  static BeanScope graph(int size) {
    return BeanScope.builder()
        .modules(size == 100 ? new AvajeGraph100Module() : new AvajeGraph1000Module())
        .build();
  }

  /** The 10 per-child daemons over a built N=1000 scope. */
  static BeanScope child(BeanScope parent) {
    return BeanScope.builder().parent(parent).modules(new AvajeChild1000Module()).build();
  }
}
