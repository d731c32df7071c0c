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
