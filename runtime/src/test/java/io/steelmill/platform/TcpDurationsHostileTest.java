package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile durations given to the production network, over real loopback sockets: budgets a socket
 * cannot honour (under a millisecond became 0, "no timeout at all"; past an {@code int} of
 * milliseconds wrapped or overflowed), and timeouts of a receive or a call that are negative or
 * too long to count in nanoseconds ("for ever" as people write it), which must mean what they mean
 * to {@code Thread.sleep(Duration)}: no wait, and for ever, never an {@code ArithmeticException}.
 */
class TcpDurationsHostileTest {
  private static final List<Duration> UNCOUNTABLE = List.of(Duration.ofMillis(Long.MAX_VALUE),
      Duration.ofSeconds(Long.MAX_VALUE), ChronoUnit.FOREVER.getDuration(),
      Duration.ofNanos(Long.MAX_VALUE));
  private static final List<Duration> NEGATIVE = List.of(Duration.ofNanos(-1),
      Duration.ofMillis(-5), Duration.ofSeconds(Long.MIN_VALUE));

  private final TcpNetwork network = new TcpNetwork(NetworkConfig.loopback());

  @AfterEach
  void stop() {
    network.stop();
  }

  private Endpoint<String> bind(String node, String service) {
    return AsNode.bind(network, node, service);
  }

  /** Each timeout budget, set alone to {@code value}. */
  private static List<Function<Duration, TcpLimits>> timeouts() {
    TcpLimits limits = TcpLimits.defaults();
    return List.of(d -> limits.withTimeouts(d, Duration.ofSeconds(1)),
        d -> limits.withTimeouts(Duration.ofSeconds(1), d),
        d -> limits.withAcceptBackoff(d, Duration.ofSeconds(1)),
        d -> limits.withAcceptBackoff(Duration.ofSeconds(1), d));
  }

  @Test
  void timeoutsASocketWouldReadAsNoTimeoutOrWrapAreRefusedWithAFix() {
    List<Duration> hostile = List.of(Duration.ofNanos(1), Duration.ofNanos(999_999),
        Duration.ofMillis(Integer.MAX_VALUE + 1L), Duration.ofDays(365),
        Duration.ofSeconds(Long.MAX_VALUE), ChronoUnit.FOREVER.getDuration());
    int cases = 0;
    for (Function<Duration, TcpLimits> budget : timeouts()) {
      for (Duration value : hostile) {
        assertThatThrownBy(() -> budget.apply(value))
            .as("%s", value)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("TcpLimits.")
            .hasMessageContaining("Fix:")
            .hasMessageNotContaining("\n");
        cases++;
      }
      assertThat(budget.apply(Duration.ofMillis(1))).isNotNull();
      assertThat(budget.apply(Duration.ofMillis(Integer.MAX_VALUE))).isNotNull();
    }
    assertThat(cases).isEqualTo(24);
  }

  @Test
  void theInboxWaitMayBeZeroOrShortButNotUncountable() {
    TcpLimits limits = TcpLimits.defaults();
    assertThat(limits.withInbox(10, 10, Duration.ZERO).inboxWait()).isZero();
    assertThat(limits.withInbox(10, 10, Duration.ofNanos(500)).inboxWait())
        .isEqualTo(Duration.ofNanos(500));
    for (Duration value : UNCOUNTABLE) {
      assertThatThrownBy(() -> limits.withInbox(10, 10, value))
          .hasMessageContaining("TcpLimits.inboxWait").hasMessageContaining("Fix:");
    }
  }

  @Test
  void theLongestAcceptedBudgetsBuildAWorkingNetwork() throws Exception {
    Duration longest = Duration.ofMillis(Integer.MAX_VALUE);
    TcpNetwork patient = new TcpNetwork(NetworkConfig.loopback().withLimits(TcpLimits.defaults()
        .withTimeouts(longest, longest).withAcceptBackoff(longest, longest)
        .withInbox(10, 1 << 20, longest)));
    try {
      Endpoint<String> server = bindOn(patient, "server", "in");
      Endpoint<String> client = bindOn(patient, "client", "out");
      client.send(server.address(), "hello");
      assertThat(server.receive(Duration.ofSeconds(20)).orElseThrow().message())
          .isEqualTo("hello");
    } finally {
      patient.stop();
    }
  }

  @Test
  void aNegativeTimeoutDoesNotWait() throws Exception {
    // the calls go to an endpoint of their own: a request a negative-timeout call still sends
    // would otherwise reach the receiving endpoint's inbox before its next receive
    Endpoint<String> quiet = bind("server", "in");
    Endpoint<String> callee = bind("server", "callee");
    Endpoint<String> client = bind("client", "out");
    for (Duration timeout : NEGATIVE) {
      assertThat(quiet.receive(timeout)).as("receive(%s)", timeout).isEmpty();
      assertThat(client.call(callee.address(), "ping", timeout)).as("call(%s)", timeout)
          .isEmpty();
    }
  }

  @Test
  void anUncountableTimeoutWaitsForTheMessage() throws Exception {
    Endpoint<String> server = bind("server", "in");
    Endpoint<String> client = bind("client", "out");
    for (Duration timeout : UNCOUNTABLE) {
      CompletableFuture<Optional<String>> received = CompletableFuture.supplyAsync(() -> {
        try {
          return server.receive(timeout).map(Envelope::message);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      client.send(server.address(), "late " + timeout);
      assertThat(received.get(20, TimeUnit.SECONDS)).as("receive(%s)", timeout)
          .contains("late " + timeout);
    }
  }

  @Test
  void anUncountableCallTimeoutWaitsForTheReply() throws Exception {
    Endpoint<String> server = bind("server", "echo");
    Endpoint<String> client = bind("client", "rpc");
    Thread echo = Thread.ofVirtual().start(() -> {
      try {
        while (true) {
          Envelope<String> request = server.receive();
          server.reply(request, "echo " + request.message());
        }
      } catch (InterruptedException | IllegalStateException e) {
        // stopped
      }
    });
    try {
      for (Duration timeout : UNCOUNTABLE) {
        CompletableFuture<Optional<String>> reply = CompletableFuture.supplyAsync(() -> {
          try {
            return client.call(server.address(), "ping", timeout);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
        assertThat(reply.get(20, TimeUnit.SECONDS)).as("call(%s)", timeout)
            .contains("echo ping");
      }
    } finally {
      echo.interrupt();
    }
  }

  @Test
  void aDeadlineNeverWrapsWhateverTheClocksOrigin() {
    for (long origin : new long[] {Long.MIN_VALUE + 5, -1, 0, Long.MAX_VALUE / 2,
        Long.MAX_VALUE - 5}) {
      Clock clock = new FixedClock(origin);
      for (Duration timeout : UNCOUNTABLE) {
        Deadline deadline = clock.deadlineIn(timeout);
        assertThat(deadline.isExpired()).as("origin %d, %s", origin, timeout).isFalse();
        assertThat(deadline.remaining()).as("origin %d, %s", origin, timeout)
            .isGreaterThan(Duration.ofDays(365 * 50));
      }
      assertThat(clock.deadlineIn(Duration.ofSeconds(1)).isExpired()).isFalse();
      for (Duration timeout : NEGATIVE) {
        assertThat(clock.deadlineIn(timeout).isExpired()).as("origin %d, %s", origin, timeout)
            .isTrue();
      }
    }
  }

  private static Endpoint<String> bindOn(TcpNetwork on, String node, String service) {
    return AsNode.bind(on, node, service);
  }

  /** A clock that stands still at {@code origin}: monotonic clocks may start anywhere. */
  private record FixedClock(long origin) implements Clock {
    @Override
    public Instant now() {
      return Instant.EPOCH;
    }

    @Override
    public long monotonicNanos() {
      return origin;
    }

    @Override
    public void sleep(Duration duration) {
      throw new UnsupportedOperationException("a clock that stands still");
    }
  }
}
