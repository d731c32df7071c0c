package io.steelmill.platform;

/** A service on a node: where an {@link Endpoint} receives. Printed {@code node/service}. */
public record Address(String node, String service) {
  @Override
  public String toString() {
    return node + "/" + service;
  }
}
