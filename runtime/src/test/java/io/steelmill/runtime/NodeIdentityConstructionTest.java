package io.steelmill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.internal.Bindings;
import io.steelmill.runtime.internal.FactoryCore;
import io.steelmill.runtime.internal.NodeContext;
import io.steelmill.runtime.internal.NodeThreads;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A node's id is assigned when it is created and is "the calling node" for code that runs for it:
 * its constructors and provides methods, whichever thread asked for the instance, and its own
 * threads.
 */
class NodeIdentityConstructionTest {

  @Test
  void aConstructorRunsAsItsNodesCodeOnAnyThread() {
    FactoryCore core = new FactoryCore("n7", Bindings.of("provided test.Names#label - String\n"));
    core.constructWith(id -> "built on " + NodeContext.current());
    assertThat(core.id()).isEqualTo(NodeId.of("n7"));
    String previous = NodeContext.enter("someone-else");
    try {
      assertThat(core.get(0)).isEqualTo("built on n7");
      assertThat(NodeContext.current()).as("restored after construction").isEqualTo("someone-else");
    } finally {
      NodeContext.restore(previous);
    }
    assertThat(NodeContext.current()).isNull();
  }

  @Test
  void aConstructionOutsideAnyNodeLeavesTheThreadOutsideAndANestedNodeRestoresItsOuter() {
    FactoryCore inner = new FactoryCore("inner", Bindings.of("provided test.Names#label - String\n"));
    inner.constructWith(id -> "built on " + NodeContext.current());
    FactoryCore outer = new FactoryCore("outer", Bindings.of(
        "provided test.Names#label - String\nprovided test.Names#other - String\n"));
    outer.constructWith(id -> id == 0
        ? inner.get(0) + " inside " + NodeContext.current()
        : "again on " + NodeContext.current());
    assertThat(NodeContext.current()).isNull();

    assertThat(outer.get(0)).isEqualTo("built on inner inside outer");

    // the cell keeps the last node's name for the next construction, but not as the current node
    assertThat(NodeContext.current()).as("outside any node after the build").isNull();
    assertThat(NodeContext.currentId()).isNull();
    assertThat(outer.get(1)).isEqualTo("again on outer");
    assertThat(NodeContext.current()).isNull();
  }

  @Test
  void aNodesThreadsCarryItsIdAndItsName() throws InterruptedException {
    AtomicReference<String> seen = new AtomicReference<>();
    Thread thread =
        NodeThreads.unstarted(
            NodeId.of("n3"),
            "Store",
            () -> seen.set(Thread.currentThread().getName() + " " + NodeContext.currentId()));
    thread.start();
    thread.join();
    assertThat(seen.get()).isEqualTo("n3/Store n3");
  }
}
