package io.steelmill.platform;

/** A service on a node: where an {@link Endpoint} receives. Printed {@code node/service}. */
public record Address(String node, String service) {
  /**
   * Written out: the record's generated {@code equals} is a chain of method handles that the JIT
   * left as a call in the simulated network's endpoint lookup, a lookup per delivered message
   * (about 4% of a pingpong run's samples). Same result as the generated one.
   */
  @Override
  public boolean equals(Object other) {
    return this == other
        || other instanceof Address that
            && java.util.Objects.equals(node, that.node)
            && java.util.Objects.equals(service, that.service);
  }

  /**
   * Written out for the same reason, with the generated one's value ({@code 31 * node's +
   * service's}, as JDK 25 computes a record's hash): a hash-ordered collection of addresses
   * keeps its order, and so a simulation its trace.
   */
  @Override
  public int hashCode() {
    return 31 * java.util.Objects.hashCode(node) + java.util.Objects.hashCode(service);
  }

  @Override
  public String toString() {
    return node + "/" + service;
  }
}
