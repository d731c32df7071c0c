package io.steelmill.examples.cluster;

import io.grpc.StatusRuntimeException;
import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.examples.cluster.proto.ClientGet;
import io.steelmill.examples.cluster.proto.ClientPut;
import io.steelmill.examples.cluster.proto.ClientReply;
import io.steelmill.examples.cluster.proto.FrontendGrpc;
import io.steelmill.examples.cluster.proto.Outcome;
import io.steelmill.grpc.GrpcChannels;
import io.steelmill.platform.Clock;
import io.steelmill.platform.RandomSource;
import io.steelmill.runtime.Lifecycle;
import io.steelmill.sim.history.History;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's client over gRPC: sends each write (and read) to the hosts' frontends in turn, with
 * a deadline per call, until the leader answers; records every attempt in a Jepsen-style {@link
 * History}. A call that ends in a gRPC error (a deadline, an unreachable host) may or may not
 * have taken effect, and is recorded so.
 */
@Ambient
@Daemon
public final class GrpcWriterClient implements Lifecycle {
  static final Duration CALL_DEADLINE = Duration.ofMillis(200);

  private final GrpcChannels channels;
  private final StoreHosts hosts;
  private final Clock clock;
  private final RandomSource random;
  private final Map<String, FrontendGrpc.FrontendBlockingStub> frontends = new LinkedHashMap<>();
  private final Map<String, String> acknowledged = new LinkedHashMap<>();
  private final History history;
  private long process;

  GrpcWriterClient(GrpcChannels channels, StoreHosts hosts, Clock clock, RandomSource random) {
    this.channels = channels;
    this.hosts = hosts;
    this.clock = clock;
    this.random = random.fork("client");
    this.history = new History(clock::monotonicNanos);
  }

  @Override
  public void prepare() {
    for (String host : hosts.names()) {
      frontends.put(host, FrontendGrpc.newBlockingStub(channels.channel(host)));
    }
  }

  private FrontendGrpc.FrontendBlockingStub frontend(String host) {
    FrontendGrpc.FrontendBlockingStub stub = frontends.get(host);
    if (stub == null) {
      throw new IllegalArgumentException("unknown host " + host + "; the store's hosts are "
          + hosts.names());
    }
    return stub.withDeadline(channels.deadlineAfter(CALL_DEADLINE));
  }

  /** Writes {@code key=value} through whichever of {@code hosts} leads; true once acknowledged. */
  public boolean write(List<String> hostNames, String key, String value, Duration patience)
      throws InterruptedException {
    var deadline = clock.deadlineIn(patience);
    int start = random.nextInt(hostNames.size());
    while (!deadline.isExpired()) {
      for (int i = 0; i < hostNames.size(); i++) {
        String host = hostNames.get((start + i) % hostNames.size());
        history.invoke(process, key, "put", value);
        Outcome outcome = call(host, ClientPut.newBuilder().setKey(key).setValue(value).build());
        if (outcome == Outcome.OK) {
          history.ok(process, value);
          synchronized (this) {
            acknowledged.put(key, value);
          }
          return true;
        }
        completeUnanswered(outcome, value);
      }
      clock.sleep(Duration.ofMillis(20));
    }
    return false;
  }

  /** Reads {@code key} through whichever of {@code hosts} leads; null when none answered. */
  public String read(List<String> hostNames, String key, Duration patience)
      throws InterruptedException {
    var deadline = clock.deadlineIn(patience);
    int start = random.nextInt(hostNames.size());
    while (!deadline.isExpired()) {
      for (int i = 0; i < hostNames.size(); i++) {
        String host = hostNames.get((start + i) % hostNames.size());
        history.invoke(process, key, "get", null);
        ClientReply reply;
        try {
          reply = frontend(host).get(ClientGet.newBuilder().setKey(key).build());
        } catch (StatusRuntimeException unreachable) {
          reply = null;
        }
        if (reply != null && reply.getOutcome() == Outcome.OK) {
          history.ok(process, reply.getValue());
          return reply.getValue();
        }
        completeUnanswered(reply == null ? null : reply.getOutcome(), null);
      }
      clock.sleep(Duration.ofMillis(20));
    }
    return null;
  }

  private Outcome call(String host, ClientPut put) {
    try {
      return frontend(host).put(put).getOutcome();
    } catch (StatusRuntimeException unreachable) {
      return null; // the deadline passed or the host is unreachable: outcome unknown
    }
  }

  /**
   * Records an attempt without a success: {@code NOT_LEADER} certainly did nothing ({@code
   * :fail}); anything else may have taken effect ({@code :info}), and then, as in Jepsen, the
   * client continues as a new process.
   */
  private void completeUnanswered(Outcome outcome, Object value) {
    if (outcome == Outcome.NOT_LEADER) {
      history.fail(process, value);
    } else {
      history.info(process, value);
      process++;
    }
  }

  /** What this client invoked and saw: the history the linearizability checker reads. */
  public History history() {
    return history;
  }

  /** Every acknowledged write, in order. */
  public synchronized Map<String, String> acknowledged() {
    return Map.copyOf(acknowledged);
  }
}
