package io.steelmill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.internal.Bindings;
import io.steelmill.runtime.internal.FactoryCore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A chain of daemons built lazily from its top: each link needs the one below it (and, every
 * seventh, one seven below), so asking for the top asks for the whole chain at once. Built
 * recursively, 10,000 links overflow a thread's stack; the node builds what a deep construction
 * needs first, iteratively, so any depth builds, once per link, in dependency order.
 */
class DeepChainTest {

  /** One link; {@code below} is the link it was built with. */
  record Link(int index, Link below, Link older) {}

  /**
   * A node shaped as a generated one: a binding table whose lines name the ids each construction
   * needs, and a dispatch that asks for them through {@link #get(int)}.
   */
  static final class ChainNode extends Node {
    private final int failAt;
    final Map<Integer, Integer> constructions = new HashMap<>();

    ChainNode(int links, int failAt) {
      super(new FactoryCore("chain", table(links)), null);
      this.failAt = failAt;
    }

    private static Bindings table(int links) {
      StringBuilder table = new StringBuilder();
      for (int i = 0; i < links; i++) {
        table.append("daemon - ");
        if (i > 0) {
          table.append('[').append(i - 1).append(older(i) >= 0 ? "," + older(i) : "").append("] ");
        }
        table.append('L').append(i).append('\n');
      }
      return Bindings.of(table.toString());
    }

    private static int older(int i) {
      return i % 7 == 0 && i >= 7 ? i - 7 : -1;
    }

    Link link(int index) {
      return (Link) get(index);
    }

    @Override
    protected Object construct(int id) {
      constructions.merge(id, 1, Integer::sum);
      if (id == failAt) {
        throw new IllegalStateException("link " + id + " refuses");
      }
      Link below = id == 0 ? null : link(id - 1);
      return new Link(id, below, older(id) < 0 ? null : link(older(id)));
    }
  }

  @ParameterizedTest(name = "{0} links")
  @ValueSource(ints = {10_000, 50_000})
  void aChainBuiltFromItsTopBuildsEachLinkOnceInDependencyOrder(int links) {
    ChainNode node = new ChainNode(links, -1);

    Link top = node.link(links - 1);

    assertThat(top.index()).isEqualTo(links - 1);
    Link link = top;
    for (int i = links - 1; i > 0; i--) {
      assertThat(link.below()).as("below link %d", i).isSameAs(node.link(i - 1));
      if (ChainNode.older(i) >= 0) {
        assertThat(link.older()).as("older of link %d", i).isSameAs(node.link(i - 7));
      }
      link = link.below();
    }
    assertThat(node.constructions).hasSize(links);
    assertThat(node.constructions.values()).containsOnly(1);
    List<String> built = node.builtDaemons();
    assertThat(built).hasSize(links);
    for (int i = 0; i < links; i++) {
      assertThat(built.get(i)).as("construction order").isEqualTo("L" + i);
    }
  }

  @Test
  void aChainBuiltFromTheMiddleThenTheTopBuildsTheRestOnce() {
    ChainNode node = new ChainNode(20_000, -1);

    Link middle = node.link(9_999);
    Link top = node.link(19_999);

    Link link = top;
    while (link.index() > 10_000) {
      link = link.below();
    }
    assertThat(link.below()).isSameAs(middle);
    assertThat(node.constructions.values()).containsOnly(1);
    assertThat(node.builtDaemons()).hasSize(20_000);
  }

  @Test
  void aFailureDeepInTheChainNamesTheLinkThatFailedAndLeavesTheRestUnbuilt() {
    ChainNode node = new ChainNode(10_000, 4_321);

    assertThatThrownBy(() -> node.link(9_999))
        .isInstanceOf(FactoryException.class)
        .hasMessageContaining("L4321")
        .hasRootCauseMessage("link 4321 refuses");
    assertThat(node.builtDaemons()).hasSize(4_321).endsWith("L4320");
    assertThat(node.constructions).doesNotContainKey(4_322);
  }
}
