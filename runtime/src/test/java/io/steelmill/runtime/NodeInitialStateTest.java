package io.steelmill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.internal.Bindings;
import io.steelmill.runtime.internal.FactoryCore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A node starts with its lifecycle fields unset (a child is made many times a second, and a
 * volatile field written in the constructor costs a fence): what it reports before and after
 * its first transition must still be its initial state, and a child's grace period the one its
 * parent had when the child was made.
 */
class NodeInitialStateTest {

  /** A node of one daemon with no lifecycle, made by {@code new Object()}. */
  private static Node node(String name, Node parent) {
    return new Node(new FactoryCore(name, Bindings.of("daemon - Plain\n")), parent) {
      @Override
      protected Object construct(int id) {
        return new Object();
      }
    };
  }

  @Test
  void aNewNodeReportsItsInitialState() {
    Node node = node("n", null);
    assertThat(node.state()).isEqualTo(NodeState.NEW);
    assertThat(node).hasToString("n [NEW]");
    assertThat(node.gracePeriod()).isEqualTo(Duration.ofSeconds(30));
    assertThat(node.startupTimes()).isEmpty();
    assertThat(node.failure()).isEmpty();
    assertThat(node.builtDaemons()).isEmpty();
  }

  @Test
  void aChildTakesItsParentsGracePeriodWhenMadeAndKeepsItsOwnAfter() {
    Node parent = node("parent", null);
    Node before = node("before", parent);
    parent.setGracePeriod(Duration.ofSeconds(5));
    Node child = node("child", parent);
    parent.setGracePeriod(Duration.ofSeconds(7));

    assertThat(before.gracePeriod()).as("made before the change")
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(child.gracePeriod()).as("made after the first change")
        .isEqualTo(Duration.ofSeconds(5));
    child.setGracePeriod(Duration.ofSeconds(2));
    assertThat(child.gracePeriod()).isEqualTo(Duration.ofSeconds(2));
    assertThat(parent.gracePeriod()).isEqualTo(Duration.ofSeconds(7));
    assertThat(node("grandchild", child).gracePeriod()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aStartedAndClosedNodeMovesThroughItsStates() {
    Node node = node("n", null);
    node.get(0);
    assertThat(node.start()).isSameAs(node);
    assertThat(node.state()).isEqualTo(NodeState.RUNNING);
    assertThat(node.startupTimes()).as("no Lifecycle daemon to prepare").isEmpty();
    node.close();
    assertThat(node.state()).isEqualTo(NodeState.TERMINATED);
    assertThat(node.builtDaemons()).containsExactly("Plain");
    assertThatThrownBy(node::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("to be NEW");
  }

  @Test
  void aNewNodeClosedBeforeStartingTerminatesAndRefusesToStart() {
    Node node = node("n", null);
    node.close();
    assertThat(node.state()).isEqualTo(NodeState.TERMINATED);
    assertThat(node).hasToString("n [TERMINATED]");
    assertThatThrownBy(node::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aNodeStoppedWhileStartingNamesWhoStoppedIt() {
    Node parent = node("parent", null);
    parent.start();
    parent.close();
    Node child = node("child", parent);
    assertThatThrownBy(child::start).isInstanceOf(NodeStoppingException.class);
    assertThat(child.state()).isNotEqualTo(NodeState.RUNNING);
  }
}
