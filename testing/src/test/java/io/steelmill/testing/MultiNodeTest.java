package io.steelmill.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.FactoryException;
import io.steelmill.runtime.NodeState;
import io.steelmill.runtime.Phase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MultiNodeTest {

  private static void greet(SteelmillTwoHosts node) throws InterruptedException {
    TwoHosts.Greeter greeter = node.greeter();
    greeter.host = node.name();
    node.start();
    greeter.signed.await();
  }

  @Test
  void twoHostHelloWorld() throws Exception {
    SteelmillTwoHosts.Ambient ambient = SteelmillTwoHosts.ambient();
    MultiNode<SteelmillTwoHosts> test = MultiNode.of(ambient, ambient::node);
    test.spawn("alice", MultiNodeTest::greet);
    test.spawn("bob", MultiNodeTest::greet);

    test.awaitAll();

    assertThat(ambient.getTwoHostsGuestBook().guests()).containsExactlyInAnyOrder("alice", "bob");
    assertThat(test.node("alice").orElseThrow().state()).isEqualTo(NodeState.TERMINATED);
    assertThat(ambient.state()).isEqualTo(NodeState.TERMINATED);
  }

  @Test
  void failsWithTheFirstDaemonErrorNamedAndUnblocksTheOtherBodies() {
    SteelmillTwoHosts.Ambient ambient = SteelmillTwoHosts.ambient();
    MultiNode<SteelmillTwoHosts> test = MultiNode.of(ambient, ambient::node);
    test.spawn(
        "alice",
        node -> {
          greet(node);
          Thread.sleep(Duration.ofMinutes(10)); // waits for a shutdown that mallory causes
        });
    test.spawn("mallory", MultiNodeTest::greet);

    assertThatThrownBy(test::awaitAll)
        .isInstanceOf(AssertionError.class)
        .cause()
        .isInstanceOfSatisfying(
            FactoryException.class,
            e -> {
              assertThat(e.node()).isEqualTo("mallory");
              assertThat(e.daemon()).isEqualTo("TwoHosts.Greeter");
              assertThat(e.phase()).isEqualTo(Phase.RUN);
            });
    assertThat(ambient.state()).isEqualTo(NodeState.FAILED);
  }

  @Test
  void neverHangsPastItsDeadline() {
    SteelmillTwoHosts.Ambient ambient = SteelmillTwoHosts.ambient();
    MultiNode<SteelmillTwoHosts> test =
        MultiNode.of(ambient, ambient::node).deadline(Duration.ofMillis(300));
    test.spawn(
        "stuck",
        node -> {
          greet(node);
          new java.util.concurrent.CountDownLatch(1).await();
        });

    assertThatThrownBy(test::awaitAll)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("still running after the deadline of PT0.3S")
        .hasMessageContaining("body of node \"stuck\"")
        .hasMessageContaining("MultiNodeTest");
  }
}
