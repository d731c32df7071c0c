package io.steelmill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.internal.Bindings;
import io.steelmill.runtime.internal.FactoryCore;
import io.steelmill.runtime.internal.NodeContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The build protocol in the shape the processor generates: each accessor constructs its own
 * binding between {@code begin} and {@code end}, {@code failed} wraps what it throws, and the
 * dispatch only routes an id to its accessor. The same guarantees as the dispatching shape: once
 * per binding under concurrent first use, construction order, a failure naming the daemon and its
 * path that leaves the lock free, the seal, cycles through a provider, any depth of chain, the
 * node context. Waits are bounded and assert outcomes.
 */
class AccessorProtocolTest {
  private static final long BOUND_SECONDS = 60;

  /** One built instance: its id, what it was built with, and the calling node it saw. */
  record Made(int id, Made below, Made half, String context) {}

  /**
   * Binding {@code i} needs {@code i - 1} and {@code i / 2}, as a generated accessor: {@code
   * (Made) (begin(i) ? end(new Made(...)) : get(i))} in a try whose catch throws {@code
   * failed(t)}. {@code failAt} throws, {@code nullAt} returns null, {@code cycleAt} asks for
   * itself through a provider.
   */
  static final class Chain extends Node {
    final AtomicIntegerArray constructions;
    int failAt = -1;
    int nullAt = -1;
    int cycleAt = -1;
    CountDownLatch gate; // when set, the construction of id 0 waits for it

    Chain(String name, int size) {
      super(new FactoryCore(name, table(size), true), null);
      constructions = new AtomicIntegerArray(size);
    }

    static Bindings table(int size) {
      StringBuilder table = new StringBuilder();
      for (int i = 0; i < size; i++) {
        table.append("daemon - ");
        if (i > 0) {
          table.append('[').append(i - 1).append(i / 2 != i - 1 ? "," + i / 2 : "").append("] ");
        }
        table.append('M').append(i).append('\n');
      }
      return Bindings.of(table.toString());
    }

    Made made(int id) {
      try {
        return (Made) (begin(id) ? end(make(id)) : get(id));
      } catch (Throwable t) {
        throw failed(t);
      }
    }

    private Made make(int id) throws Exception {
      constructions.incrementAndGet(id);
      if (id == 0 && gate != null && !gate.await(BOUND_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
      if (id == failAt) {
        throw new java.io.IOException("M" + id + " refuses");
      }
      if (id == nullAt) {
        return null;
      }
      if (id == cycleAt) {
        Supplier<Made> self = () -> made(id);
        self.get();
      }
      return new Made(
          id, id == 0 ? null : made(id - 1), id == 0 ? null : made(id / 2), NodeContext.current());
    }

    @Override
    protected Object construct(int id) {
      return made(id);
    }
  }

  @ParameterizedTest(name = "{0} links")
  @ValueSource(ints = {10, 10_000, 50_000})
  void aChainFromItsTopIsBuiltOnceEachInDependencyOrder(int size) {
    Chain chain = new Chain("chain", size);

    Made top = chain.made(size - 1);

    assertThat(top.id()).isEqualTo(size - 1);
    for (int i = size - 1; i > 0; i--) {
      Made made = chain.made(i);
      assertThat(made.below()).as("below %d", i).isSameAs(chain.made(i - 1));
      assertThat(made.half()).as("half of %d", i).isSameAs(chain.made(i / 2));
      assertThat(made.context()).as("calling node of %d", i).isEqualTo("chain");
    }
    for (int i = 0; i < size; i++) {
      assertThat(chain.constructions.get(i)).as("constructions of %d", i).isEqualTo(1);
    }
    List<String> built = chain.builtDaemons();
    assertThat(built).hasSize(size);
    for (int i = 0; i < size; i++) {
      assertThat(built.get(i)).as("construction order").isEqualTo("M" + i);
    }
    assertThat(NodeContext.current()).as("calling node restored").isNull();
  }

  @Test
  void aFailureNamesTheDaemonAndItsPathAndLeavesTheNodeUsable() throws Exception {
    Chain chain = new Chain("chain", 40);
    chain.made(10);
    chain.failAt = 17;

    assertThatThrownBy(() -> chain.made(30))
        .isInstanceOf(FactoryException.class)
        .hasMessageContaining("chain")
        .hasMessageContaining("M17")
        .hasMessageContaining("M30")
        .hasRootCauseMessage("M17 refuses");
    assertThat(chain.builtDaemons()).hasSize(11).endsWith("M10");
    assertThat(NodeContext.current()).isNull();

    chain.failAt = -1;
    ExecutorService other = Executors.newSingleThreadExecutor();
    try { // the lock is free: another thread builds the rest
      Made made = other.submit(() -> chain.made(39)).get(BOUND_SECONDS, TimeUnit.SECONDS);
      assertThat(made.below().below()).isSameAs(chain.made(37));
    } finally {
      other.shutdownNow();
    }
    assertThat(chain.constructions.get(17)).isEqualTo(2);
    assertThat(chain.builtDaemons()).hasSize(40);
  }

  @Test
  void aConstructionReturningNullIsAnErrorNamingTheDaemon() {
    Chain chain = new Chain("chain", 5);
    chain.made(2);
    chain.nullAt = 3;

    assertThatThrownBy(() -> chain.made(4))
        .isInstanceOf(FactoryException.class)
        .hasMessageContaining("M3")
        .hasMessageContaining("null");
    assertThat(chain.builtDaemons()).containsExactly("M0", "M1", "M2");
    assertThat(chain.made(2).id()).isEqualTo(2);
  }

  @Test
  void aCycleThroughAProviderIsReportedNotOverflowed() {
    Chain chain = new Chain("chain", 5);
    chain.cycleAt = 2;

    assertThatThrownBy(() -> chain.made(4))
        .isInstanceOf(FactoryException.class)
        .hasMessageContaining("M2");
    assertThat(chain.builtDaemons()).containsExactly("M0", "M1");
  }

  @Test
  void aStartedNodeIsSealed() {
    Chain chain = new Chain("chain", 5);
    chain.made(1);
    chain.start();
    try {
      assertThat(chain.made(1).id()).isEqualTo(1);
      assertThatThrownBy(() -> chain.made(3))
          .isInstanceOf(FactoryException.class)
          .hasMessageContaining("M")
          .hasMessageContaining("sealed");
    } finally {
      chain.stop();
    }
  }

  @Test
  void concurrentFirstUseBuildsEachOnceAndEveryThreadGetsIt() throws Exception {
    for (int round = 0; round < 20; round++) {
      Chain chain = new Chain("chain", 64);
      chain.gate = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(8);
      try {
        List<Future<Made>> tops = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int id = 63 - t * 5;
          tops.add(threads.submit(() -> chain.made(id)));
        }
        chain.gate.countDown();
        for (int t = 0; t < 8; t++) {
          Made made = tops.get(t).get(BOUND_SECONDS, TimeUnit.SECONDS);
          assertThat(made).as("round %d", round).isSameAs(chain.made(63 - t * 5));
        }
      } finally {
        threads.shutdownNow();
      }
      for (int i = 0; i < 64; i++) {
        assertThat(chain.constructions.get(i)).as("round %d id %d", round, i).isLessThanOrEqualTo(1);
      }
      List<String> built = chain.builtDaemons();
      for (int i = 0; i < built.size(); i++) { // a topological order: needs come first
        int id = Integer.parseInt(built.get(i).substring(1));
        if (id > 0) {
          assertThat(built.subList(0, i)).contains("M" + (id - 1), "M" + id / 2);
        }
      }
    }
  }
}
