package io.steelmill.it.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.FactoryException;
import io.steelmill.runtime.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Laziness, memoization, concurrent first requests, qualifiers, providers, errors. */
class InjectionTest {

  @Test
  void buildsNothingUntilAskedAndOnlyWhatIsReachable() {
    SteelmillGraph graph = SteelmillGraph.create();
    assertThat(graph.builtDaemons()).isEmpty();

    Graph.Top top = graph.top();

    assertThat(graph.builtDaemons()).containsExactly("Graph.Leaf", "Graph.Mid", "String", "Graph.Top");
    assertThat(top.cluster).isEqualTo("blue");
  }

  @Test
  void buildsEachDaemonOnce() {
    SteelmillGraph graph = SteelmillGraph.create();
    Graph.Top top = graph.top();

    assertThat(graph.top()).isSameAs(top);
    assertThat(graph.mid().get()).isSameAs(top.mid);
    assertThat(graph.leafProvider().get()).isSameAs(top.mid.leaf);
    assertThat(graph.builtDaemons()).doesNotHaveDuplicates();
  }

  @Test
  void providerDefersConstruction() {
    SteelmillGraph graph = SteelmillGraph.create();
    var mid = graph.mid();
    assertThat(graph.builtDaemons()).isEmpty();

    mid.get();

    assertThat(graph.builtDaemons()).containsExactly("Graph.Leaf", "Graph.Mid");
  }

  @Test
  void qualifiersTellBindingsOfOneTypeApart() {
    Graph.Ports ports = SteelmillGraph.create().ports();

    assertThat(ports.admin).isEqualTo(8081);
    assertThat(ports.data).isEqualTo(9092);
  }

  @Test
  void concurrentFirstRequestsBuildExactlyOneInstance() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 40; round++) {
        Graph.Slow.CONSTRUCTIONS.set(0);
        SteelmillGraph graph = SteelmillGraph.create();
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<Graph.Slow>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return graph.slow();
                  }));
        }
        Graph.Slow first = results.get(0).get();
        for (Future<Graph.Slow> result : results) {
          assertThat(result.get()).isSameAs(first);
        }
        assertThat(Graph.Slow.CONSTRUCTIONS.get()).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void constructorFailureNamesNodeDaemonPhaseAndPath() {
    SteelmillBroken broken = SteelmillBroken.create("db-1");

    assertThatThrownBy(broken::outer)
        .isInstanceOfSatisfying(
            FactoryException.class,
            e -> {
              assertThat(e.node()).isEqualTo("db-1");
              assertThat(e.daemon()).isEqualTo("Broken.Disk");
              assertThat(e.phase()).isEqualTo(Phase.CONSTRUCT);
              assertThat(e.path()).containsExactly("Broken.Outer", "Broken.Store", "Broken.Disk");
              assertThat(e.getCause()).hasMessage("disk full");
              assertThat(e.getMessage())
                  .contains("Daemon Broken.Disk of node \"db-1\" failed in phase construct")
                  .contains("Broken.Outer -> Broken.Store -> Broken.Disk");
            });
    assertThat(broken.builtDaemons()).isEmpty();
  }

  @Test
  void providerCalledDuringConstructionOfItselfIsAClearError() {
    assertThatThrownBy(() -> SteelmillBroken.create().selfReferencing())
        .isInstanceOf(FactoryException.class)
        .hasMessageContaining("was requested while it was being built, through a Provider.get()")
        .hasMessageContaining("Fix:");
  }

  @Test
  void injectedInstanceReplacesTheBinding() {
    SteelmillGraph graph = SteelmillGraph.create();
    Graph.Leaf leaf = new Graph.Leaf();
    graph.inject(Graph.Leaf.class, leaf);

    assertThat(graph.top().mid.leaf).isSameAs(leaf);
    assertThat(graph.builtDaemons()).containsExactly("Graph.Mid", "String", "Graph.Top");
  }

  @Test
  void injectAfterBuildOrStartOrForUnknownTypeIsAClearError() {
    SteelmillGraph graph = SteelmillGraph.create();
    graph.top();
    assertThatThrownBy(() -> graph.inject(Graph.Leaf.class, new Graph.Leaf()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Graph.Leaf is already built in node \"main\"");
    assertThatThrownBy(() -> graph.inject(Thread.class, Thread.currentThread()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("owns no binding for java.lang.Thread");

    graph.start();
    try {
      assertThatThrownBy(() -> graph.inject(Graph.Unused.class, new Graph.Unused()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("a started node is sealed");
    } finally {
      graph.close();
    }
  }

  @Test
  void buildingAfterStartIsAClearError() {
    SteelmillGraph graph = SteelmillGraph.create("sealed");
    graph.start();
    try {
      assertThatThrownBy(graph::unused)
          .isInstanceOfSatisfying(
              FactoryException.class,
              e -> {
                assertThat(e.daemon()).isEqualTo("Graph.Unused");
                assertThat(e.getMessage()).contains("first requested after the node started");
              });
    } finally {
      graph.close();
    }
  }
}
