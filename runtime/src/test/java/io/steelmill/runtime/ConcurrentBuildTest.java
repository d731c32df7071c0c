package io.steelmill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.internal.Bindings;
import io.steelmill.runtime.internal.FactoryCore;
import io.steelmill.runtime.internal.NodeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The build protocol under concurrent first requests: the factory's lock is a compare-and-set of
 * its owner, with nested constructions taking nothing and waiters parked on the factory's signal.
 * Whatever the interleaving, each binding is built once, every thread gets that instance, the
 * recorded order is a topological order, a failure leaves the lock free, a waiter keeps its
 * interrupt, {@code start()} seals only after a construction under way ends, and every
 * construction runs in its own node's context. Waits are bounded and assert outcomes.
 */
class ConcurrentBuildTest {
  private static final long BOUND_SECONDS = 60;

  /** One built instance: its id, what it was built with, and the node context it saw. */
  record Made(int id, List<Made> needs, String context) {}

  /**
   * A node shaped as a generated one: binding {@code i} needs {@code i - 1} and {@code i / 2};
   * {@code hold} makes the construction of id 0 wait on a latch (holding the lock), {@code failAt}
   * makes one id throw.
   */
  static class Graph extends Node {
    final AtomicIntegerArray constructions;
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release;
    final int failAt;

    Graph(String name, int size, Node parent, boolean hold, int failAt) {
      super(new FactoryCore(name, table(size)), parent);
      this.constructions = new AtomicIntegerArray(size);
      this.release = new CountDownLatch(hold ? 1 : 0);
      this.failAt = failAt;
    }

    static Bindings table(int size) {
      StringBuilder table = new StringBuilder();
      for (int i = 0; i < size; i++) {
        table.append("daemon - ");
        if (i > 0) {
          table.append('[').append(i - 1).append(i / 2 != i - 1 ? "," + i / 2 : "").append("] ");
        }
        table.append('D').append(i).append('\n');
      }
      return Bindings.of(table.toString());
    }

    Made made(int id) {
      return (Made) get(id);
    }

    @Override
    protected Object construct(int id) throws Exception {
      constructions.incrementAndGet(id);
      if (id == 0) {
        entered.countDown();
        if (!release.await(BOUND_SECONDS, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never released the construction");
        }
      }
      if (id == failAt) {
        throw new IllegalStateException("D" + id + " refuses");
      }
      String context = NodeContext.current();
      List<Made> needs = new ArrayList<>();
      if (id > 0) {
        needs.add(made(id - 1));
        if (id / 2 != id - 1) {
          needs.add(made(id / 2));
        }
      }
      assertThat(NodeContext.current()).as("context restored after nested builds").isEqualTo(context);
      return new Made(id, needs, context);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void threadsAskingAtOnceGetOneInstanceOfEachBuiltOnceInTopologicalOrder(long seed)
      throws Exception {
    int size = 300;
    int threads = 6;
    Graph graph = new Graph("g" + seed, size, null, false, -1);
    CountDownLatch go = new CountDownLatch(1);
    List<Map<Integer, Made>> seen = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    Map<Integer, Throwable> failures = new ConcurrentHashMap<>();
    SplittableRandom random = new SplittableRandom(seed);
    for (int t = 0; t < threads; t++) {
      Map<Integer, Made> mine = new HashMap<>();
      seen.add(mine);
      long threadSeed = random.nextLong();
      int index = t;
      Runnable work = () -> {
        try {
          go.await();
          SplittableRandom order = new SplittableRandom(threadSeed);
          for (int i = 0; i < size; i++) {
            int id = order.nextInt(size);
            mine.put(id, graph.made(id));
          }
        } catch (Throwable e) {
          failures.put(index, e);
        }
      };
      workers.add(t % 2 == 0 ? Thread.ofPlatform().start(work) : Thread.ofVirtual().start(work));
    }
    go.countDown();
    for (Thread worker : workers) {
      assertThat(worker.join(Duration.ofSeconds(BOUND_SECONDS))).as("seed %d", seed).isTrue();
    }

    assertThat(failures).as("seed %d", seed).isEmpty();
    for (Map<Integer, Made> mine : seen) {
      mine.forEach((id, made) -> assertThat(made).as("seed %d, D%d", seed, id)
          .isSameAs(graph.made(id)));
    }
    List<String> order = graph.builtDaemons();
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      position.put(order.get(i), i);
    }
    for (int id = 0; id < size; id++) {
      if (position.containsKey("D" + id)) {
        assertThat(graph.constructions.get(id)).as("seed %d, D%d built", seed, id).isEqualTo(1);
        for (Made need : graph.made(id).needs()) {
          assertThat(position.get("D" + need.id())).as("seed %d: D%d before D%d", seed,
              need.id(), id).isLessThan(position.get("D" + id));
          assertThat(need).isSameAs(graph.made(need.id()));
        }
        assertThat(graph.made(id).context()).isEqualTo("g" + seed);
      } else {
        assertThat(graph.constructions.get(id)).as("seed %d, D%d unbuilt", seed, id).isZero();
      }
    }
    assertThat(order).doesNotHaveDuplicates();
  }

  /** A graph with an entry point shaped as a generated one: a plain memo field, memo, present. */
  static final class MemoGraph extends Graph {
    private Made last;

    MemoGraph(String name, int size) {
      super(name, size, null, false, -1);
    }

    Made last() {
      Made instance = this.last;
      return present(instance) ? instance : (this.last = (Made) memo(7));
    }
  }

  @Test
  void threadsRacingOnAnEntryPointsPlainMemoFieldGetOneInstanceBuiltOnce() throws Exception {
    int threads = 4;
    for (int round = 0; round < 200; round++) {
      MemoGraph graph = new MemoGraph("memo" + round, 8);
      CountDownLatch go = new CountDownLatch(1);
      List<AtomicReference<Made>> got = new ArrayList<>();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        AtomicReference<Made> mine = new AtomicReference<>();
        got.add(mine);
        workers.add(Thread.ofPlatform().start(() -> {
          try {
            go.await();
            mine.set(graph.last());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }));
      }
      go.countDown();
      for (Thread worker : workers) {
        assertThat(worker.join(Duration.ofSeconds(BOUND_SECONDS))).isTrue();
      }
      Made last = graph.made(7);
      for (AtomicReference<Made> mine : got) {
        assertThat(mine.get()).as("round %d", round).isSameAs(last);
        assertThat(mine.get().needs()).extracting(Made::id).containsExactly(6, 3);
      }
      assertThat(graph.last()).isSameAs(last);
      assertThat(graph.constructions.get(7)).as("round %d: D7 built", round).isEqualTo(1);
    }
  }

  @Test
  void aBuilderWaitingForTheLockKeepsItsInterruptAndGetsTheInstance() throws Exception {
    Graph graph = new Graph("held", 4, null, true, -1);
    AtomicReference<Made> first = new AtomicReference<>();
    Thread holder = Thread.ofPlatform().start(() -> first.set(graph.made(0)));
    assertThat(graph.entered.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
    AtomicReference<Made> second = new AtomicReference<>();
    AtomicReference<Boolean> interruptKept = new AtomicReference<>();
    Thread waiter = Thread.ofPlatform().start(() -> {
      second.set(graph.made(3));
      interruptKept.set(Thread.currentThread().isInterrupted());
    });
    waitUntilWaiting(waiter);
    waiter.interrupt();
    graph.release.countDown();

    assertThat(holder.join(Duration.ofSeconds(BOUND_SECONDS))).isTrue();
    assertThat(waiter.join(Duration.ofSeconds(BOUND_SECONDS))).isTrue();
    assertThat(interruptKept.get()).isTrue();
    assertThat(second.get()).isSameAs(graph.made(3));
    assertThat(graph.made(1).needs().get(0)).isSameAs(first.get());
    assertThat(graph.constructions.get(0)).isEqualTo(1);
    assertThat(graph.builtDaemons()).containsExactly("D0", "D1", "D2", "D3");
  }

  @Test
  void startWaitsForAConstructionUnderWayThenSealsWithIt() throws Exception {
    Graph graph = new Graph("sealing", 4, null, true, -1);
    graph.setGracePeriod(Duration.ofSeconds(BOUND_SECONDS));
    Thread builder = Thread.ofPlatform().start(() -> graph.made(1));
    assertThat(graph.entered.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
    AtomicReference<Throwable> startFailure = new AtomicReference<>();
    Thread starter = Thread.ofPlatform().start(() -> {
      try {
        graph.start();
      } catch (Throwable e) {
        startFailure.set(e);
      }
    });
    waitUntilWaiting(starter);
    assertThat(graph.state()).isEqualTo(NodeState.STARTING);
    graph.release.countDown();

    assertThat(starter.join(Duration.ofSeconds(BOUND_SECONDS))).isTrue();
    assertThat(builder.join(Duration.ofSeconds(BOUND_SECONDS))).isTrue();
    try (graph) {
      assertThat(startFailure.get()).isNull();
      assertThat(graph.state()).isEqualTo(NodeState.RUNNING);
      assertThat(graph.builtDaemons()).containsExactly("D0", "D1");
      assertThatThrownBy(() -> graph.made(3))
          .isInstanceOf(FactoryException.class)
          .hasMessageContaining("D3 was first requested after the node started");
    }
  }

  @Test
  void aFailedConstructionLeavesTheLockFreeAndNamesItsPath() throws Exception {
    Graph graph = new Graph("failing", 8, null, false, 3);

    assertThatThrownBy(() -> graph.made(6))
        .isInstanceOf(FactoryException.class)
        .hasMessageContaining("D3")
        .hasRootCauseMessage("D3 refuses")
        .satisfies(e -> assertThat(((FactoryException) e).getMessage()).contains("failing"));
    AtomicReference<Made> other = new AtomicReference<>();
    Thread elsewhere = Thread.ofPlatform().start(() -> other.set(graph.made(2)));
    assertThat(elsewhere.join(Duration.ofSeconds(BOUND_SECONDS))).as("lock released").isTrue();
    assertThat(other.get().id()).isEqualTo(2);
    assertThat(graph.builtDaemons()).containsExactly("D0", "D1", "D2");
  }

  @Test
  void aChildsConstructionRunsInTheChildsContextAndItsParentsInTheParents() {
    Graph parent = new Graph("parent", 4, null, false, -1);
    AtomicReference<String> before = new AtomicReference<>();
    AtomicReference<String> after = new AtomicReference<>();
    Node child = new Node(new FactoryCore("child", Bindings.of("daemon - C\n")), parent) {
      @Override
      protected Object construct(int id) {
        before.set(NodeContext.current());
        Made fromParent = parent.made(3);
        after.set(NodeContext.current());
        return fromParent;
      }
    };

    String outside = NodeContext.enter("test");
    try {
      Made made = (Made) child.get(0);
      assertThat(made.context()).isEqualTo("parent");
      assertThat(NodeContext.current()).isEqualTo("test");
    } finally {
      NodeContext.restore(outside);
    }
    assertThat(before.get()).isEqualTo("child");
    assertThat(after.get()).isEqualTo("child");
  }

  /** Waits, bounded, until {@code thread} parks or waits (on the factory's lock or signal). */
  private static void waitUntilWaiting(Thread thread) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
    while (thread.getState() != Thread.State.WAITING
        && thread.getState() != Thread.State.TIMED_WAITING) {
      assertThat(System.nanoTime()).as("%s never waited", thread).isLessThan(end);
      Thread.sleep(5);
    }
  }
}
