package io.steelmill.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.steelmill.it.hostile.Script.Fault;
import io.steelmill.it.hostile.Script.Kind;
import io.steelmill.runtime.FactoryException;
import io.steelmill.runtime.Node;
import io.steelmill.runtime.NodeState;
import io.steelmill.runtime.Phase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The log line of a daemon's failure fails itself with an {@link Error}: what a JVM short of
 * memory does while formatting a stack trace (the daemon failed for the same reason), or an
 * appender that throws an {@code AssertionError}. Logback passes an appender's errors on, and the
 * runtime swallowed only some of them: the error escaped the failure's bookkeeping, so a failed
 * {@code run()} neither stopped its node nor counted as returned (its stop then waited the whole
 * grace period and reported it as hung), and a failed {@code stop()} ended its phase, leaving the
 * daemons before it unstopped and the node TERMINATED as if nothing failed. The log line is lost;
 * the failure is not.
 */
class LoggingFailureTest {
  /** Longer than any test here takes when the node works: a hang report would show it. */
  private static final Duration GRACE = Duration.ofSeconds(60);
  private final Logger logger = (Logger) LoggerFactory.getLogger(Node.class);
  private final AppenderBase<ILoggingEvent> failing = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent e) {
      if (e.getLevel() == Level.ERROR) {
        throw new OutOfMemoryError("Java heap space (while logging)");
      }
    }
  };

  @BeforeEach
  void failErrorLines() {
    failing.start();
    logger.addAppender(failing);
    logger.setLevel(Level.INFO);
  }

  @AfterEach
  void restore() {
    logger.detachAppender(failing);
    logger.setLevel(null);
  }

  private static SteelmillHostile node(Script script) {
    SteelmillHostile node = SteelmillHostile.create("h");
    node.setGracePeriod(GRACE);
    node.inject(Script.class, script);
    script.node(node);
    node.d3();
    return node;
  }

  @Test
  void aRunFailureWhoseLogLineFailsStillStopsTheNodeAndIsReportedAsItself() throws Exception {
    Script script = new Script(List.of(new Fault(1, "run", Kind.THROWS)));
    SteelmillHostile node = node(script);
    node.start();
    assertThat(node.awaitTermination(GRACE.dividedBy(2))).as("the node stopped").isTrue();
    assertThatThrownBy(node::close).isInstanceOfSatisfying(FactoryException.class, e -> {
      assertThat(e.daemon()).isEqualTo("Hostile.D1");
      assertThat(e.phase()).isEqualTo(Phase.RUN);
      assertThat(e.getCause()).hasMessage("D1 in run on purpose");
      assertThat(e.getSuppressed()).as("no hang report").isEmpty();
    });
    assertThat(script.positions("stop")).containsExactly(3, 2, 1, 0);
  }

  @Test
  void aStopFailureWhoseLogLineFailsStillStopsTheOthersAndIsKept() {
    Script script = new Script(List.of(new Fault(2, "stop", Kind.THROWS)));
    SteelmillHostile node = node(script);
    node.start();
    assertThatThrownBy(node::close).isInstanceOfSatisfying(FactoryException.class, e -> {
      assertThat(e.daemon()).isEqualTo("Hostile.D2");
      assertThat(e.phase()).isEqualTo(Phase.STOP);
    });
    assertThat(script.positions("stop")).containsExactly(3, 2, 1, 0);
    assertThat(node.state()).isEqualTo(NodeState.FAILED);
  }

  @Test
  void aPrepareFailureWhoseLogLineFailsStillFailsTheStartNamingIt() {
    Script script = new Script(List.of(new Fault(2, "prepare", Kind.THROWS)));
    SteelmillHostile node = node(script);
    assertThatThrownBy(node::start).isInstanceOfSatisfying(FactoryException.class, e -> {
      assertThat(e.daemon()).isEqualTo("Hostile.D2");
      assertThat(e.phase()).isEqualTo(Phase.PREPARE);
    });
    assertThat(script.positions("stop")).containsExactly(1, 0);
    assertThat(node.state()).isEqualTo(NodeState.FAILED);
  }
}
