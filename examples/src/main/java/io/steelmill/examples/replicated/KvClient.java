package io.steelmill.examples.replicated;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.platform.Address;
import io.steelmill.platform.Clock;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Network;
import io.steelmill.runtime.Lifecycle;
import io.steelmill.sim.history.History;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store's clients: {@link #SESSIONS} sessions, each with its own endpoint, that may run at
 * once. A session sends each request to the hosts in turn, from {@code start}, until the primary
 * answers, and records every attempt in one Jepsen-style {@link History}: {@code :ok} with the
 * answer, {@code :fail} when the host certainly did nothing, {@code :info} when it may have (and
 * then, as in Jepsen, the session goes on as a new process, and a write is not sent again: each
 * write that may or may not have happened widens the checker's search).
 */
@Ambient
@Daemon
public final class KvClient implements Lifecycle {
  /** How many sessions may run at once. */
  public static final int SESSIONS = 3;

  /** How long one attempt waits for a host's answer. */
  static final Duration ATTEMPT = Duration.ofMillis(200);

  private final Network network;
  private final Clock clock;
  private final History history;
  private final List<String> hosts;
  private final List<Endpoint<String>> endpoints = new ArrayList<>();
  private final long[] process = new long[SESSIONS];

  KvClient(Network network, Clock clock, ReplicatedSettings settings) {
    this.network = network;
    this.hosts = settings.hosts();
    this.clock = clock;
    this.history = new History(clock::monotonicNanos);
    for (int s = 0; s < SESSIONS; s++) {
      process[s] = s;
    }
  }

  @Override
  public void prepare() {
    for (int s = 0; s < SESSIONS; s++) {
      endpoints.add(network.bind("kv-client-" + s, Codec.utf8()));
    }
  }

  /**
   * Writes {@code key=value} in {@code session}; true once acknowledged within {@code patience}.
   */
  public boolean write(int session, List<String> hosts, int start, String key, String value,
      Duration patience) throws InterruptedException {
    return attempt(session, hosts, start, "put", key, value, patience) != null;
  }

  /** Reads {@code key} in {@code session}: the value ("" when unwritten), or null. */
  public String read(int session, List<String> hosts, int start, String key, Duration patience)
      throws InterruptedException {
    return attempt(session, hosts, start, "get", key, null, patience);
  }

  private String attempt(int session, List<String> hosts, int start, String f, String key,
      String value, Duration patience) throws InterruptedException {
    var deadline = clock.deadlineIn(patience);
    String request = f + " " + key + (value == null ? "" : " " + value);
    while (!deadline.isExpired()) {
      for (int i = 0; i < hosts.size(); i++) {
        String host = hosts.get(Math.floorMod(start + i, hosts.size()));
        history.invoke(process[session], key, f, value);
        Optional<String> reply =
            endpoints.get(session).call(new Address(host, KvFrontend.SERVICE), request, ATTEMPT);
        String answer = reply.orElse("unknown");
        if (answer.equals("ok") || answer.startsWith("value ")) {
          String result = answer.equals("ok") ? value : answer.substring("value ".length());
          history.ok(process[session], result);
          return result;
        }
        if (answer.equals("not-primary") || answer.equals("refused")) {
          history.fail(process[session], value);
          continue;
        }
        history.info(process[session], value);
        process[session] += SESSIONS; // a new process, still this session's
        if (value != null) {
          return null; // a write that may have happened is not sent again, as in Jepsen
        }
      }
      clock.sleep(Duration.ofMillis(20));
    }
    return null;
  }

  /** Every host of the store, in the order sessions try them. */
  public List<String> hosts() {
    return hosts;
  }

  /** What the sessions invoked and saw: the history the linearizability checker reads. */
  public History history() {
    return history;
  }

  @Override
  public void stop() {
    endpoints.forEach(Endpoint::close);
  }
}
