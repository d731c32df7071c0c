package io.steelmill.examples.replicated;

import io.steelmill.Daemon;
import io.steelmill.platform.Buggify;
import io.steelmill.platform.Clock;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Disk;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.platform.Network;
import io.steelmill.runtime.Lifecycle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One host's copy of the store, durable on its disk. Answers the primary's {@code promise},
 * {@code peek}, {@code put}, {@code install} and {@code confirm} messages (see {@link Quorum});
 * refuses, with {@code stale PROMISED}, any message whose epoch is older than the newest it has
 * promised; appends every change to its log and syncs it before answering, so a crash never
 * takes back what a primary counted on.
 *
 * <p>Two BUGGIFY sites play a disk that misbehaves as real ones do: {@code replica.slow-sync} (an
 * fsync that stalls for {@link #SLOW_SYNC}, longer than a primary waits, so the answer comes late
 * and a crash meanwhile loses the unsynced change) and {@code replica.failed-write} (the log
 * cannot be written, as on a full or failing disk: the replica changes nothing and answers
 * nothing, since it must not acknowledge what it could not make durable).
 */
@Daemon
public final class Replica implements Lifecycle {
  static final String SERVICE = "replica";
  static final String LOG = "replica.log";

  /** How long a stalled fsync takes: longer than {@link PrimaryService#QUORUM_TIMEOUT}. */
  static final Duration SLOW_SYNC = Duration.ofMillis(60);

  private final Network network;
  private final Disk disk;
  private final ReplicaTally tally;
  private final Clock clock;
  private final Buggify buggify;
  private final ReentrantLock lock = new ReentrantLock();
  private ReplicaState state;
  private Endpoint<String> endpoint;

  Replica(Network network, Disk disk, ReplicaTally tally, Clock clock, Buggify buggify) {
    this.network = network;
    this.disk = disk;
    this.tally = tally;
    this.clock = clock;
    this.buggify = buggify;
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
        if (answer != null) {
          endpoint.send(message.from(), answer);
        }
      }
    } catch (IllegalStateException closed) {
      // stopped
    }
  }

  /** The answer to one message, after its changes are durable; null when there is none. */
  private String answer(String[] m) throws IOException, InterruptedException {
    lock.lock();
    try {
      return answerLocked(m);
    } finally {
      lock.unlock();
    }
  }

  private String answerLocked(String[] m) throws IOException, InterruptedException {
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
    if (!verb.equals("confirm") && buggify.fires("replica.failed-write", 0.25)) {
      return null; // the log cannot be written: nothing changes, and nothing is acknowledged
    }
    StringBuilder log = new StringBuilder();
    append(log, state.promise(epoch));
    writes.forEach((key, version) -> append(log, state.put(key, version)));
    if (!log.isEmpty()) {
      disk.append(LOG, log.toString().getBytes(StandardCharsets.UTF_8));
      if (buggify.fires("replica.slow-sync", 0.05)) {
        clock.sleep(SLOW_SYNC); // a crash now loses the change, which was never answered
      }
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
