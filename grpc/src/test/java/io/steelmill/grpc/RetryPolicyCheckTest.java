package io.steelmill.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A malformed retry policy fails when the service config is given to {@link GrpcConfig}, in one
 * line naming the field, whichever method it would apply to: not at the first call of that
 * method (simulation) or when a channel is built (production).
 */
class RetryPolicyCheckTest {
  private static Map<String, Object> policy() {
    return new HashMap<>(Map.of("maxAttempts", 3.0, "initialBackoff", "0.1s",
        "maxBackoff", "1s", "backoffMultiplier", 2.0,
        "retryableStatusCodes", List.of("UNAVAILABLE")));
  }

  private static Map<String, Object> config(Object names, Object retryPolicy) {
    Map<String, Object> entry = new HashMap<>();
    entry.put("name", names);
    if (retryPolicy != null) {
      entry.put("retryPolicy", retryPolicy);
    }
    return Map.of("methodConfig", List.of(entry));
  }

  @Test
  void aMalformedPolicyOrNameIsRefusedWhenConfiguredInOneLine() {
    List<Object[]> mistakes = new ArrayList<>();
    Object[][] fields = {
        {"maxAttempts", 1.0}, {"maxAttempts", "3"}, {"maxAttempts", null},
        {"initialBackoff", "100ms"}, {"initialBackoff", "0s"}, {"initialBackoff", "-1s"},
        {"initialBackoff", "abcs"}, {"initialBackoff", 0.1}, {"maxBackoff", null},
        {"backoffMultiplier", 0.0}, {"backoffMultiplier", -2.0}, {"backoffMultiplier", "2"},
        {"retryableStatusCodes", List.of("NOT_A_CODE")}, {"retryableStatusCodes", List.of()},
        {"retryableStatusCodes", "UNAVAILABLE"}};
    for (Object[] field : fields) {
      Map<String, Object> bad = policy();
      bad.put((String) field[0], field[1]);
      mistakes.add(new Object[] {config(List.of(Map.of("service", "some.Service")), bad),
          field[0]});
    }
    // a policy for a method no channel of this test calls is still checked
    mistakes.add(new Object[] {config(List.of(Map.of("service", "never.Called", "method", "M")),
        "not a policy"), "retryPolicy"});
    mistakes.add(new Object[] {config("some.Service", policy()), "methodConfig[].name"});
    mistakes.add(new Object[] {config(List.of("some.Service"), policy()), "name[]"});
    mistakes.add(new Object[] {config(List.of(Map.of("method", "M")), policy()), "no service"});
    mistakes.add(new Object[] {config(List.of(Map.of("service", 3.0)), policy()), "service"});
    mistakes.add(new Object[] {config(List.of(Map.of("service", "s.S", "method", List.of())),
        policy()), "method"});
    mistakes.add(new Object[] {config(List.of(Map.of(), Map.of()), policy()), "second default"});
    mistakes.add(new Object[] {Map.of("methodConfig", "x"), "methodConfig"});
    mistakes.add(new Object[] {Map.of("methodConfig", List.of(3.0)), "methodConfig[]"});
    for (Object[] mistake : mistakes) {
      @SuppressWarnings("unchecked")
      Map<String, ?> serviceConfig = (Map<String, ?>) mistake[0];
      assertThatThrownBy(() -> GrpcConfig.loopback().withServiceConfig(serviceConfig))
          .as("%s", serviceConfig)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining((String) mistake[1])
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void theMethodsOwnEntryWinsThenItsServicesThenTheDefault() {
    io.grpc.MethodDescriptor<Void, Void> say = io.grpc.MethodDescriptor.<Void, Void>newBuilder()
        .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
        .setFullMethodName("some.Service/Say")
        .setRequestMarshaller(new VoidMarshaller()).setResponseMarshaller(new VoidMarshaller())
        .build();
    Map<String, Object> two = policy();
    Map<String, Object> three = policy();
    three.put("maxAttempts", 3.0);
    two.put("maxAttempts", 2.0);
    Map<String, Object> four = policy();
    four.put("maxAttempts", 4.0);
    Map<String, Object> defaultOnly = Map.of("methodConfig", List.of(
        Map.of("name", List.of(Map.of()), "retryPolicy", two)));
    assertThat(RetryPolicy.of(defaultOnly, say).maxAttempts()).isEqualTo(2);
    Map<String, Object> withService = Map.of("methodConfig", List.of(
        Map.of("name", List.of(Map.of()), "retryPolicy", two),
        Map.of("name", List.of(Map.of("service", "some.Service")), "retryPolicy", three)));
    assertThat(RetryPolicy.of(withService, say).maxAttempts()).isEqualTo(3);
    Map<String, Object> withMethod = Map.of("methodConfig", List.of(
        Map.of("name", List.of(Map.of("service", "some.Service", "method", "Say")),
            "retryPolicy", four),
        Map.of("name", List.of(Map.of("service", "some.Service")), "retryPolicy", three)));
    assertThat(RetryPolicy.of(withMethod, say).maxAttempts()).isEqualTo(4);
    Map<String, Object> otherService = Map.of("methodConfig", List.of(
        Map.of("name", List.of(Map.of("service", "other.Service")), "retryPolicy", three)));
    assertThat(RetryPolicy.of(otherService, say)).isNull();
    GrpcConfig.loopback().withServiceConfig(withMethod); // well formed: accepted
  }

  /** Marshals nothing: the descriptor above is only looked up, never called. */
  private static final class VoidMarshaller implements io.grpc.MethodDescriptor.Marshaller<Void> {
    @Override
    public java.io.InputStream stream(Void value) {
      return java.io.InputStream.nullInputStream();
    }

    @Override
    public Void parse(java.io.InputStream stream) {
      return null;
    }
  }

  @Test
  void aWellFormedConfigIsKept() {
    Map<String, Object> serviceConfig = config(List.of(Map.of("service", "some.Service")),
        policy());
    assertThat(GrpcConfig.loopback().withServiceConfig(serviceConfig).serviceConfig())
        .isEqualTo(serviceConfig);
    assertThat(GrpcConfig.loopback().withServiceConfig(Map.of()).serviceConfig()).isEmpty();
  }
}
