package io.steelmill.examples.replicated;

import io.steelmill.Daemon;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Disk;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.platform.Network;
import io.steelmill.runtime.Lifecycle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One host's copy of the store, durable on its disk. Answers the primary's {@code promise},
 * {@code peek}, {@code put}, {@code install} and {@code confirm} messages (see {@link Quorum});
 * refuses, with {@code stale PROMISED}, any message whose epoch is older than the newest it has
 * promised; appends every change to its log and syncs it before answering, so a crash never
 * takes back what a primary counted on.
 */
@Daemon
public final class Replica implements Lifecycle {
  static final String SERVICE = "replica";
  static final String LOG = "replica.log";

  private final Network network;
  private final Disk disk;
  private final ReplicaTally tally;
  private final ReentrantLock lock = new ReentrantLock();
  private ReplicaState state;
  private Endpoint<String> endpoint;

  Replica(Network network, Disk disk, ReplicaTally tally) {
    this.network = network;
    this.disk = disk;
    this.tally = tally;
  }

  @Override
  public void prepare() throws IOException {
    state = ReplicaState.replay(disk.read(LOG));
    endpoint = network.bind(SERVICE, Codec.utf8());
  }

  @Override
  public void run() throws Exception {
    try {
      while (true) {
        Envelope<String> message = endpoint.receive();
        String answer;
        try {
          answer = answer(message.message().split(" "));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException malformed) {
          continue; // a peer's bug must not stop this replica, nor change it
        }
        endpoint.send(message.from(), answer);
      }
    } catch (IllegalStateException closed) {
      // stopped
    }
  }

  /** The answer to one message, after its changes are durable. */
  private String answer(String[] m) throws IOException {
    lock.lock();
    try {
      return answerLocked(m);
    } finally {
      lock.unlock();
    }
  }

  private String answerLocked(String[] m) throws IOException {
    String verb = m[0];
    String rid = m[1];
    if (verb.equals("peek") && m.length == 2) {
      return rid + " ok " + state.promised() + Wire.entries(state.data());
    }
    long epoch = Wire.number(m[2]);
    Map<String, Versioned> writes = switch (verb) {
      case "promise", "confirm" -> Map.of();
      case "put" -> Wire.entries(new String[] {m[4], m[5], m[2], m[3]}, 0);
      case "install" -> Wire.entries(m, 3);
      default -> throw new IllegalArgumentException("unknown message " + verb);
    };
    if (!state.admits(epoch)) {
      tally.rejected();
      return rid + " stale " + state.promised();
    }
    StringBuilder log = new StringBuilder();
    append(log, state.promise(epoch));
    writes.forEach((key, version) -> append(log, state.put(key, version)));
    if (!log.isEmpty()) {
      disk.append(LOG, log.toString().getBytes(StandardCharsets.UTF_8));
      disk.sync(LOG);
    }
    return verb.equals("promise")
        ? rid + " ok " + state.promised() + Wire.entries(state.data())
        : rid + " ok " + state.promised();
  }

  private static void append(StringBuilder log, String line) {
    if (line != null) {
      log.append(line);
    }
  }

  /** The value this replica holds for {@code key}, or null. */
  public String get(String key) {
    lock.lock();
    try {
      Versioned v = state.data().get(key);
      return v == null ? null : v.value();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void stop() {
    endpoint.close();
  }
}
