package io.steelmill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.internal.Bindings;
import io.steelmill.runtime.internal.FactoryCore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Node#onTermination}: a listener that throws, even an {@code Error}, leaves the other
 * listeners to run (an {@code AssertionError} skipped them, and the bookkeeping after them).
 */
class TerminationListenersTest {

  private static Node node(String name) {
    return new Node(new FactoryCore(name, Bindings.of("daemon - Plain\n")), null) {
      @Override
      protected Object construct(int id) {
        return new Object();
      }
    };
  }

  @Test
  void aListenerThatThrowsAnErrorLeavesTheOthersToRun() throws Exception {
    Node node = node("n");
    List<String> ran = new ArrayList<>();
    node.onTermination(() -> {
      ran.add("first");
      throw new AssertionError("planted in a listener");
    });
    node.onTermination(() -> ran.add("second"));
    node.start();
    node.close();
    assertThat(ran).containsExactly("first", "second");
    assertThat(node.state()).isEqualTo(NodeState.TERMINATED);
  }

  @Test
  void aListenerAddedAfterTheEndRunsAtOnceAndItsErrorIsLogged() throws Exception {
    Node node = node("n");
    node.start();
    node.close();
    List<String> ran = new ArrayList<>();
    node.onTermination(() -> {
      ran.add("late");
      throw new AssertionError("planted in a late listener");
    });
    assertThat(ran).containsExactly("late");
  }
}
