package io.steelmill.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A method's {@code retryPolicy} from a gRPC service config, as grpc-java reads it: at most
 * {@code maxAttempts} attempts (capped at 5, as grpc-java caps it), the n-th retry after a random
 * wait in [0, min(initialBackoff x backoffMultiplier^(n-1), maxBackoff)), and only after a status
 * in {@code retryableStatusCodes} (the simulated channel applies it, with throttling and
 * pushback; production hands the service config to grpc-java). {@link GrpcConfig#withServiceConfig}
 * checks every policy of a config with {@link #checkAll}, so a malformed one fails when
 * configured, in a line naming the field, in both modes.
 *
 * @param maxAttempts attempts in all, the first included (capped at 5)
 * @param initialBackoffNanos the first retry's longest wait
 * @param maxBackoffNanos the cap of any retry's wait
 * @param backoffMultiplier what each retry multiplies the wait's cap by
 * @param retryableStatusCodes the statuses that are retried
 */
public record RetryPolicy(int maxAttempts, long initialBackoffNanos, long maxBackoffNanos,
    double backoffMultiplier, Set<Status.Code> retryableStatusCodes) {
  /** grpc-java's cap on {@code maxAttempts}. */
  static final int MAX_ATTEMPTS_CAP = 5;

  /**
   * The policy of {@code method} in {@code serviceConfig} (grpc-java's map form), or null when
   * none applies: as grpc-java picks a method config, the entry naming the method first, then the
   * one naming its service, then the default entry (a name with neither service nor method).
   *
   * @throws IllegalArgumentException naming the field when the policy is malformed
   */
  public static RetryPolicy of(Map<String, ?> serviceConfig, MethodDescriptor<?, ?> method) {
    Map<String, Map<String, ?>> chosen = new HashMap<>(); // "method", "service", "default"
    forEachName(serviceConfig, (config, service, methodName) -> {
      if (service.isEmpty()) {
        chosen.put("default", config);
      } else if (service.equals(method.getServiceName())) {
        if (methodName.isEmpty()) {
          chosen.put("service", config);
        } else if (methodName.equals(method.getBareMethodName())) {
          chosen.putIfAbsent("method", config);
        }
      }
    });
    for (String level : List.of("method", "service", "default")) {
      if (chosen.containsKey(level)) {
        return parse(chosen.get(level).get("retryPolicy"));
      }
    }
    return null;
  }

  /**
   * Checks every {@code methodConfig} entry of {@code serviceConfig}: its names and its retry
   * policy, whichever method they would apply to.
   *
   * @throws IllegalArgumentException in one line naming the field when one is malformed
   */
  public static void checkAll(Map<String, ?> serviceConfig) {
    boolean[] defaultSeen = {false};
    forEachName(serviceConfig, (config, service, method) -> {
      if (service.isEmpty() && !method.isEmpty()) {
        throw new IllegalArgumentException("methodConfig[].name[] names method " + method
            + " but no service; a name with neither is the default for every method");
      }
      if (service.isEmpty() && defaultSeen[0]) {
        throw new IllegalArgumentException("methodConfig[].name[]: a second default entry"
            + " (neither service nor method); gRPC allows one");
      }
      defaultSeen[0] |= service.isEmpty();
    });
    if (serviceConfig != null) {
      for (Object entry : list(serviceConfig.get("methodConfig"), "methodConfig")) {
        parse(map(entry, "methodConfig[]").get("retryPolicy"));
      }
    }
  }

  /** What {@link #forEachName} hands on: an entry and one of its names' two parts. */
  private interface NameVisitor {
    void visit(Map<String, ?> config, String service, String method);
  }

  /** Visits every name of every {@code methodConfig} entry, checking the shapes on the way. */
  private static void forEachName(Map<String, ?> serviceConfig, NameVisitor visitor) {
    if (serviceConfig == null) {
      return;
    }
    for (Object entry : list(serviceConfig.get("methodConfig"), "methodConfig")) {
      Map<String, ?> config = map(entry, "methodConfig[]");
      for (Object name : list(config.get("name"), "methodConfig[].name")) {
        Map<String, ?> names = map(name, "methodConfig[].name[]");
        visitor.visit(config, text(names, "service"), text(names, "method"));
      }
    }
  }

  /** A name's {@code service} or {@code method}: a string, or empty when absent. */
  private static String text(Map<String, ?> names, String field) {
    Object value = names.get(field);
    if (value != null && !(value instanceof String)) {
      throw new IllegalArgumentException("methodConfig[].name[]." + field + " must be a string,"
          + " not " + value);
    }
    return value == null ? "" : (String) value;
  }

  private static RetryPolicy parse(Object policy) {
    if (policy == null) {
      return null;
    }
    Map<String, ?> fields = map(policy, "retryPolicy");
    int attempts = (int) number(fields, "maxAttempts");
    if (attempts < 2) {
      throw new IllegalArgumentException("retryPolicy.maxAttempts must be at least 2, not "
          + attempts);
    }
    long initial = duration(fields, "initialBackoff");
    long max = duration(fields, "maxBackoff");
    double multiplier = number(fields, "backoffMultiplier");
    if (multiplier <= 0) {
      throw new IllegalArgumentException("retryPolicy.backoffMultiplier must be positive, not "
          + multiplier);
    }
    Set<Status.Code> codes = EnumSet.noneOf(Status.Code.class);
    for (Object code : list(fields.get("retryableStatusCodes"), "retryableStatusCodes")) {
      try {
        codes.add(Status.Code.valueOf(String.valueOf(code).toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException unknown) {
        throw new IllegalArgumentException("retryPolicy.retryableStatusCodes: unknown status "
            + code);
      }
    }
    if (codes.isEmpty()) {
      throw new IllegalArgumentException("retryPolicy.retryableStatusCodes must not be empty");
    }
    return new RetryPolicy(Math.min(attempts, MAX_ATTEMPTS_CAP), initial, max, multiplier,
        codes);
  }

  private static double number(Map<String, ?> fields, String name) {
    if (!(fields.get(name) instanceof Number value)) {
      throw new IllegalArgumentException("retryPolicy." + name + " must be a number, not "
          + fields.get(name));
    }
    return value.doubleValue();
  }

  /** A duration as the service config writes it, e.g. {@code "0.1s"}; positive. */
  private static long duration(Map<String, ?> fields, String name) {
    Object text = fields.get(name);
    if (!(text instanceof String s) || !s.endsWith("s")) {
      throw new IllegalArgumentException("retryPolicy." + name + " must be a duration like"
          + " \"0.1s\", not " + text);
    }
    try {
      long nanos = Duration.ofNanos(Math.round(Double.parseDouble(s.substring(0, s.length() - 1))
          * 1e9)).toNanos();
      if (nanos <= 0) {
        throw new IllegalArgumentException("retryPolicy." + name + " must be positive: " + s);
      }
      return nanos;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("retryPolicy." + name + " is not a duration: " + s);
    }
  }

  private static List<?> list(Object value, String name) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(name + " must be a list, not " + value);
    }
    return list;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> map(Object value, String name) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(name + " must be an object, not " + value);
    }
    return (Map<String, ?>) value;
  }
}
