package io.steelmill.examples.cluster;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.examples.cluster.StoreTransport.Answer;
import io.steelmill.platform.Clock;
import io.steelmill.platform.RandomSource;
import io.steelmill.runtime.Lifecycle;
import io.steelmill.sim.history.History;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of the store: sends each write (and read) to the hosts' frontends in turn, over
 * whichever {@link StoreTransport} its host binds, until the leader answers; remembers what was
 * acknowledged, and records every attempt in a Jepsen-style {@link History} for the
 * linearizability checker. A request without an answer (a timeout, an unreachable host) may or
 * may not have taken effect, and is recorded so.
 */
@Ambient
@Daemon
public final class WriterClient implements Lifecycle {
  /** How long the client waits for a frontend's answer. */
  static final Duration CALL_TIMEOUT = Duration.ofMillis(200);

  private final StoreTransport transport;
  private final Clock clock;
  private final RandomSource random;
  private final Map<String, String> acknowledged = new LinkedHashMap<>();
  private final History history;
  private long process;
  private StoreTransport.FrontendCalls frontends;

  WriterClient(StoreTransport transport, Clock clock, RandomSource random) {
    this.transport = transport;
    this.clock = clock;
    this.random = random.fork("client");
    this.history = new History(clock::monotonicNanos);
  }

  @Override
  public void prepare() {
    frontends = transport.frontendCalls();
  }

  /**
   * Writes {@code key=value} through whichever of {@code hosts} leads, retrying for up to {@code
   * patience}; true once acknowledged.
   */
  public boolean write(List<String> hosts, String key, String value, Duration patience)
      throws InterruptedException {
    var deadline = clock.deadlineIn(patience);
    int start = random.nextInt(hosts.size());
    while (!deadline.isExpired()) {
      for (int i = 0; i < hosts.size(); i++) {
        String host = hosts.get((start + i) % hosts.size());
        history.invoke(process, key, "put", value);
        Answer reply = frontends.put(host, key, value, CALL_TIMEOUT);
        if (reply != null && reply.ok()) {
          history.ok(process, value);
          synchronized (this) {
            acknowledged.put(key, value);
          }
          return true;
        }
        completeUnanswered(reply, value);
      }
      clock.sleep(Duration.ofMillis(20));
    }
    return false;
  }

  /**
   * Reads {@code key} through whichever of {@code hosts} leads, retrying for up to {@code
   * patience}; the value ("" when never written), or null when no leader answered.
   */
  public String read(List<String> hosts, String key, Duration patience)
      throws InterruptedException {
    var deadline = clock.deadlineIn(patience);
    int start = random.nextInt(hosts.size());
    while (!deadline.isExpired()) {
      for (int i = 0; i < hosts.size(); i++) {
        String host = hosts.get((start + i) % hosts.size());
        history.invoke(process, key, "get", null);
        Answer reply = frontends.get(host, key, CALL_TIMEOUT);
        if (reply != null && reply.ok()) {
          String value = reply.value();
          history.ok(process, value);
          return value;
        }
        completeUnanswered(reply, null);
      }
      clock.sleep(Duration.ofMillis(20));
    }
    return null;
  }

  /**
   * Records an attempt without a success: a refusal (no leader on that host) certainly did
   * nothing ({@code :fail}); anything else (no answer, a failure) may have taken effect ({@code
   * :info}), and then, as in Jepsen, the client continues as a new process.
   */
  private void completeUnanswered(Answer reply, Object value) {
    if (reply != null && reply.kind() == Answer.Kind.REFUSED) {
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

  @Override
  public void stop() {
    frontends.close();
  }
}
