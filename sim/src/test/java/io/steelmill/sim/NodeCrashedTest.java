package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The error a crashed node's tasks unwind with: cheap to throw, the same text when read. */
class NodeCrashedTest {
  @Test
  void namesTheNodeWhenReadAndCarriesNoStack() {
    NodeCrashed crashed = new NodeCrashed("n3");
    assertThat(crashed.node()).isEqualTo("n3");
    assertThat(crashed.getMessage()).isEqualTo("node n3 crashed");
    assertThat(crashed).hasToString("io.steelmill.sim.NodeCrashed: node n3 crashed");
    assertThat(crashed.getStackTrace()).isEmpty();
    assertThat(crashed.getCause()).isNull();
    crashed.addSuppressed(new IllegalStateException("x"));
    assertThat(crashed.getSuppressed()).isEmpty(); // suppression off, as before
  }
}
