package io.steelmill.grpc.sim;

import io.steelmill.grpc.GrpcConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * grpc-java's idle mode for one node's channels, per server node: a channel with no call under
 * way for {@link GrpcConfig#idleTimeout()} goes idle, dropping its connection (the server sees it
 * close) and forgetting its reconnect backoff; the next call connects anew. A timeout of 30 days
 * or more never idles, as grpc-java's.
 */
final class IdleChannels {
  private final NodeTransport transport;
  private final long idleNanos;
  private final Map<String, Integer> inUse = new LinkedHashMap<>();
  private final Map<String, NodeTimers.Entry> timers = new LinkedHashMap<>();

  IdleChannels(NodeTransport transport, long idleNanos) {
    this.transport = transport;
    this.idleNanos = idleNanos;
  }

  /** A call to {@code server} starts: its channel is in use. */
  void callStarted(String server) {
    inUse.merge(server, 1, Integer::sum);
    NodeTimers.Entry timer = timers.remove(server);
    if (timer != null) {
      timer.cancel();
    }
  }

  /** A call to {@code server} ended: with the last, the idle timer starts. */
  void callEnded(String server) {
    int left = inUse.merge(server, -1, Integer::sum);
    if (left > 0 || idleNanos <= 0) {
      return;
    }
    inUse.remove(server);
    timers.put(server, transport.timers().after(idleNanos, () -> {
      timers.remove(server);
      if (!inUse.containsKey(server)) {
        transport.idle(server);
      }
    }));
  }
}
