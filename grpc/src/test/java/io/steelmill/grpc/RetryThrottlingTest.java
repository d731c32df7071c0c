package io.steelmill.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code retryThrottling} in a service config: a malformed one is refused when configured, in
 * one line naming the field; a valid one counts in grpc-java's thousandths of a token.
 */
class RetryThrottlingTest {
  private static Map<String, Object> throttling(Object maxTokens, Object tokenRatio) {
    Map<String, Object> fields = new HashMap<>();
    if (maxTokens != null) {
      fields.put("maxTokens", maxTokens);
    }
    if (tokenRatio != null) {
      fields.put("tokenRatio", tokenRatio);
    }
    return fields;
  }

  @Test
  void aMalformedThrottlingIsRefusedInOneLineNamingTheField() {
    List<Object[]> mistakes = new ArrayList<>();
    for (Object notAnObject : new Object[] {"10", 10.0, List.of(10.0, 0.1), true}) {
      mistakes.add(new Object[] {notAnObject, "retryThrottling must be an object"});
    }
    Object[][] fields = {
        {null, 0.1, "maxTokens"}, {"10", 0.1, "maxTokens"}, {Double.NaN, 0.1, "maxTokens"},
        {Double.POSITIVE_INFINITY, 0.1, "maxTokens"}, {-1.0, 0.1, "maxTokens"},
        {0.0, 0.1, "maxTokens"}, {1000.5, 0.1, "maxTokens"}, {1e12, 0.1, "maxTokens"},
        {List.of(), 0.1, "maxTokens"}, {10.0, null, "tokenRatio"}, {10.0, "0.1", "tokenRatio"},
        {10.0, 0.0, "tokenRatio"}, {10.0, -0.5, "tokenRatio"}, {10.0, 0.0004, "tokenRatio"},
        {10.0, Double.NaN, "tokenRatio"}, {10.0, Double.NEGATIVE_INFINITY, "tokenRatio"},
        {10.0, 10.5, "tokenRatio"}, {10.0, Map.of(), "tokenRatio"}};
    for (Object[] field : fields) {
      mistakes.add(new Object[] {throttling(field[0], field[1]), "retryThrottling." + field[2]});
    }
    for (Object[] mistake : mistakes) {
      Map<String, Object> config = new HashMap<>();
      config.put("retryThrottling", mistake[0]);
      assertThatThrownBy(() -> GrpcConfig.loopback().withServiceConfig(config))
          .as("retryThrottling %s", mistake[0])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining((String) mistake[1])
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void aValidThrottlingCountsInThousandthsAsGrpcJava() {
    assertThat(RetryThrottling.of(Map.of())).isNull();
    assertThat(RetryThrottling.of(null)).isNull();
    assertThat(RetryThrottling.of(Map.of("retryThrottling", throttling(10.0, 0.1))))
        .isEqualTo(new RetryThrottling(10_000, 100));
    assertThat(RetryThrottling.of(Map.of("retryThrottling", throttling(1000.0, 0.001))))
        .isEqualTo(new RetryThrottling(1_000_000, 1));
    assertThat(RetryThrottling.of(Map.of("retryThrottling", throttling(0.5, 0.5))))
        .isEqualTo(new RetryThrottling(500, 500));
    assertThat(RetryThrottling.of(Map.of("retryThrottling", throttling(3, 0.7f))))
        .as("any Number; a float's three decimals").isEqualTo(new RetryThrottling(3000, 700));
    assertThat(RetryThrottling.of(Map.of("retryThrottling", throttling(10.0, 0.1))).threshold())
        .isEqualTo(5000);
    GrpcConfig config = GrpcConfig.loopback().withServiceConfig(
        Map.of("retryThrottling", throttling(10.0, 0.1)));
    assertThat(config.serviceConfig()).containsKey("retryThrottling");
  }
}
