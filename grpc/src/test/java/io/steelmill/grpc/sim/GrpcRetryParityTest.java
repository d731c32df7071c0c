package io.steelmill.grpc.sim;

import static io.steelmill.grpc.sim.GrpcParityTest.assertParity;

import io.grpc.Status;
import io.steelmill.grpc.Echo;
import io.steelmill.grpc.GrpcConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retry throttling and server pushback over real gRPC (Netty, mutual TLS, loopback) and over the
 * simulated transport: the same calls must end the same way and reach the server as often. The
 * simulated channel models grpc-java's rules (see {@link RetryDecision}, {@link RetryBucket});
 * these tests hold it to grpc-java's own behaviour.
 */
class GrpcRetryParityTest {
  private static final Duration LONG = Duration.ofSeconds(20);

  /** Say: up to {@code attempts} attempts on UNAVAILABLE, short backoffs; maybe throttled. */
  private static GrpcConfig config(int attempts, Map<String, ?> throttling) {
    Map<String, Object> policy = Map.of("maxAttempts", (double) attempts, "initialBackoff",
        "0.01s", "maxBackoff", "0.05s", "backoffMultiplier", 2.0, "retryableStatusCodes",
        List.of("UNAVAILABLE"));
    Map<String, Object> methods = Map.of("name", List.of(Map.of("service", Echo.SERVICE,
        "method", "Say")), "retryPolicy", policy);
    return GrpcConfig.loopback().withServiceConfig(throttling == null
        ? Map.of("methodConfig", List.of(methods))
        : Map.of("methodConfig", List.of(methods), "retryThrottling", throttling));
  }

  /** A call's outcome and how many attempts the server saw so far. */
  private static String call(GrpcCluster cluster, Duration deadline) throws Exception {
    return cluster.call("c", "s", Echo.SAY, deadline, false) + ", server saw "
        + cluster.seen("s");
  }

  @Test
  void aThrottledChannelStopsRetryingAndAnsweredCallsRefillIt() throws Exception {
    // 3 tokens, a retry only while more than 1.5 are left; an answered call puts back 0.5
    assertParity(301, () -> config(5, Map.of("maxTokens", 3.0, "tokenRatio", 0.5)),
        (cluster, seen) -> {
          cluster.serve("s");
          cluster.failNext("s", 100, Status.Code.UNAVAILABLE);
          seen.add(call(cluster, LONG)); // 3 -> 2 (retry) -> 1 (throttled)
          seen.add(call(cluster, LONG)); // 1 -> 0
          cluster.answerAll("s");
          seen.add(call(cluster, LONG)); // 0 -> 0.5
          cluster.failNext("s", 100, Status.Code.UNAVAILABLE);
          seen.add(call(cluster, LONG)); // 0.5 -> 0
          cluster.answerAll("s");
          for (int i = 0; i < 6; i++) {
            call(cluster, LONG); // back to 3
          }
          cluster.failNext("s", 100, Status.Code.UNAVAILABLE);
          seen.add(call(cluster, LONG)); // 3 -> 2 (retry) -> 1 (throttled)
        }, "UNAVAILABLE, server saw 2", "UNAVAILABLE, server saw 3", "c: x, server saw 4",
        "UNAVAILABLE, server saw 5", "UNAVAILABLE, server saw 13");
  }

  @Test
  void aPushbackThatSaysNotToRetryTakesATokenWhateverTheStatus() throws Exception {
    // 2 tokens: a retry only while more than 1 is left, so the first failure already throttles
    assertParity(302, () -> config(5, Map.of("maxTokens", 4.0, "tokenRatio", 1.0)),
        (cluster, seen) -> {
          cluster.serve("s");
          cluster.failNext("s", 1, Status.Code.INTERNAL, "-1"); // not retryable, but a token
          seen.add(call(cluster, LONG)); // 4 -> 3
          cluster.failNext("s", 1, Status.Code.INTERNAL); // not retryable: no token
          seen.add(call(cluster, LONG)); // 3
          cluster.failNext("s", 100, Status.Code.UNAVAILABLE);
          seen.add(call(cluster, LONG)); // 3 -> 2 (throttled)
        }, "INTERNAL, server saw 1", "INTERNAL, server saw 2", "UNAVAILABLE, server saw 3");
  }

  @Test
  void pushbackValuesDecideTheRetryAsGrpcJavaReadsThem() throws Exception {
    assertParity(303, () -> config(3, null), (cluster, seen) -> {
      cluster.serve("s");
      for (String[] pushback : List.of(new String[] {"0"}, new String[] {"+5"},
          new String[] {"-1"}, new String[] {"-2147483648"}, new String[] {"abc"},
          new String[] {""}, new String[] {"1.5"}, new String[] {"99999999999"},
          new String[] {"0x10"}, new String[] {"-1", "10"}, new String[] {"10", "-1"})) {
        cluster.failNext("s", 1, Status.Code.UNAVAILABLE, pushback);
        seen.add(String.join("|", pushback) + ": " + call(cluster, LONG));
      }
    }, "0: c: x, server saw 2", "+5: c: x, server saw 4", "-1: UNAVAILABLE, server saw 5",
        "-2147483648: UNAVAILABLE, server saw 6", "abc: UNAVAILABLE, server saw 7",
        ": UNAVAILABLE, server saw 8", "1.5: UNAVAILABLE, server saw 9",
        "99999999999: UNAVAILABLE, server saw 10", "0x10: UNAVAILABLE, server saw 11",
        "-1|10: c: x, server saw 13", "10|-1: UNAVAILABLE, server saw 14");
  }

  @Test
  void aPushbackRetriesEvenAStatusThePolicyWouldNotAndStopsAtMaxAttempts() throws Exception {
    assertParity(304, () -> config(3, null), (cluster, seen) -> {
      cluster.serve("s");
      cluster.failNext("s", 1, Status.Code.INTERNAL, "10");
      seen.add(call(cluster, LONG));
      cluster.failNext("s", 3, Status.Code.UNAVAILABLE, "0");
      seen.add(call(cluster, LONG));
      cluster.answerAll("s");
      cluster.failNext("s", 1, Status.Code.INTERNAL);
      seen.add(call(cluster, LONG));
    }, "c: x, server saw 2", "UNAVAILABLE, server saw 5", "INTERNAL, server saw 6");
  }

  @Test
  void aPushbackLongerThanTheDeadlineEndsTheCallAtItsDeadline() throws Exception {
    assertParity(305, () -> config(3, null), (cluster, seen) -> {
      cluster.serve("s");
      cluster.failNext("s", 1, Status.Code.UNAVAILABLE, "2147483647");
      seen.add(call(cluster, Duration.ofMillis(1500)));
      cluster.failNext("s", 1, Status.Code.UNAVAILABLE, "3000");
      seen.add(call(cluster, Duration.ofMillis(1500)));
      cluster.failNext("s", 1, Status.Code.UNAVAILABLE, "300");
      seen.add(call(cluster, LONG));
    }, "DEADLINE_EXCEEDED, server saw 1", "DEADLINE_EXCEEDED, server saw 2",
        "c: x, server saw 4");
  }
}
