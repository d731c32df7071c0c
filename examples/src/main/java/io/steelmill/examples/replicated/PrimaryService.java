package io.steelmill.examples.replicated;

import io.steelmill.Daemon;
import io.steelmill.examples.replicated.ReplicatedSettings.Bug;
import io.steelmill.platform.Buggify;
import io.steelmill.platform.Clock;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Lease;
import io.steelmill.platform.Network;
import io.steelmill.runtime.Lifecycle;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The primary: exists while its host holds the lease, with the lease's fencing token as its
 * epoch. Before its first answer it takes over: a majority of replicas promise its epoch (and so
 * refuse every older primary from then on) and send their states; the newest version of each key
 * is kept and installed on a majority under the new epoch. Then each write goes to a majority
 * before it is acknowledged, and each read is answered from the primary's state once a majority
 * confirms that no newer epoch exists: a lease alone cannot make reads safe, since a paused or
 * cut-off holder can believe in a lease that has already passed to another host.
 *
 * <p>Requests are handled one at a time (the host's frontend calls in turn), so the state needs
 * no lock. The planted bugs are the three {@code settings.bug()} checks.
 *
 * <p>BUGGIFY sites, each a thing a real primary must survive: {@code primary.slow-prepare} (a
 * pause between the lease check and a write's messages), {@code primary.slow-takeover} (a
 * pause between merging the promised states and installing the merge, long enough for the lease
 * to pass to another host meanwhile), {@code primary.slow-reply} (a pause between the majority's
 * answer and the reply) and {@code primary.step-down} (after a reply the primary gives its lease
 * back, as a drain before a restart does, while its last messages may still be on the way).
 */
@Daemon
public final class PrimaryService implements Lifecycle {
  /** How long the primary waits for a majority of replicas. */
  static final Duration QUORUM_TIMEOUT = Duration.ofMillis(50);

  /** Preparing a write takes a moment, and a pause can strike between the lease check and it. */
  static final Duration PREPARE = Duration.ofMillis(1);

  /** A long pause between the lease check and the write's messages: half the lease's life. */
  static final Duration SLOW_PREPARE = Duration.ofMillis(150);

  /** A pause in the middle of a takeover: longer than the lease's time to live. */
  static final Duration SLOW_TAKEOVER = Duration.ofMillis(400);

  /** A pause before a reply (a GC pause, a busy thread): shorter than a client's attempt. */
  static final Duration SLOW_REPLY = Duration.ofMillis(150);

  /** What became of a request. */
  enum Result {
    /** Done (a write on a majority; a read confirmed). */
    DONE,
    /** Certainly not done: nothing was sent. */
    REFUSED,
    /** Perhaps done: sent, but no majority answered in time. */
    UNKNOWN
  }

  private final Lease lease;
  private final Network network;
  private final Clock clock;
  private final PrimarySlot slot;
  private final ReplicatedSettings settings;
  private final ReplicaTally tally;
  private final Buggify buggify;
  private final Map<String, Versioned> state = new TreeMap<>();
  private Endpoint<String> endpoint;
  private Quorum quorum;
  private long epoch = -1;
  private long seq;
  private boolean deposed;

  PrimaryService(Lease lease, Network network, Clock clock, PrimarySlot slot,
      ReplicatedSettings settings, ReplicaTally tally, Buggify buggify) {
    this.lease = lease;
    this.network = network;
    this.clock = clock;
    this.slot = slot;
    this.settings = settings;
    this.tally = tally;
    this.buggify = buggify;
  }

  @Override
  public void prepare() {
    endpoint = network.bind("primary-" + lease.fencingToken(), Codec.utf8());
    quorum = new Quorum(endpoint, settings.hosts(), settings.majority(), clock);
    slot.set(this);
  }

  /** Writes {@code key=value} through a majority of replicas. */
  Result write(String key, String value) throws InterruptedException {
    if (!lease.isValid() || deposed) {
      return Result.REFUSED;
    }
    if (!takeOver()) {
      return Result.UNKNOWN;
    }
    // a primary can stall between its lease check and its messages: the lease may pass meanwhile
    clock.sleep(buggify.fires("primary.slow-prepare", 0.1) ? SLOW_PREPARE : PREPARE);
    Versioned version = new Versioned(value, epoch, ++seq);
    String put = " " + epoch + " " + seq + " " + key + " " + value;
    if (settings.bug() == Bug.EARLY_ACK) {
      quorum.tell("put", put); // BUG: acknowledged before any replica has it
      keep(key, version);
      return reply(Result.DONE);
    }
    Quorum.Answers answers = quorum.ask("put", put, QUORUM_TIMEOUT);
    deposed |= answers.deposed();
    if (!answers.agreed()) {
      return Result.UNKNOWN;
    }
    keep(key, version);
    return reply(Result.DONE);
  }

  /** The value of {@code key} ("" when never written), or null when it cannot answer. */
  String read(String key) throws InterruptedException {
    if (!lease.isValid() || deposed || !takeOver()) {
      return null;
    }
    Versioned version = state.get(key);
    String value = version == null ? "" : version.value();
    if (settings.bug() == Bug.STALE_READ) {
      // BUG: trusts the lease; a deposed primary that has not noticed answers too
      return reply(value);
    }
    Quorum.Answers answers = quorum.ask("confirm", " " + epoch, QUORUM_TIMEOUT);
    deposed |= answers.deposed();
    return answers.agreed() ? reply(value) : null;
  }

  /**
   * {@code answer}, once the BUGGIFY sites between a done request and its reply have had their
   * turn: a pause, or a step-down that gives the lease back (the next request is refused, and
   * another host takes over while this one's last messages may still be on the way).
   */
  private <T> T reply(T answer) throws InterruptedException {
    if (buggify.fires("primary.slow-reply", 0.02)) {
      clock.sleep(SLOW_REPLY);
    }
    if (buggify.fires("primary.step-down", 0.03)) {
      lease.close();
    }
    return answer;
  }

  /**
   * Takes over once: promises and states from a majority, the merge installed on a majority.
   * False when it could not (yet); the next request tries again, unless a newer epoch was seen.
   */
  private boolean takeOver() throws InterruptedException {
    if (epoch >= 0) {
      return true;
    }
    long chosen = lease.fencingToken();
    if (settings.bug() == Bug.STALE_TERM) {
      // BUG: reuses the newest epoch the replicas have promised, its predecessor's
      Quorum.Answers peek = quorum.ask("peek", "", QUORUM_TIMEOUT);
      if (!peek.agreed()) {
        return false;
      }
      chosen = peek.ok().values().stream().mapToLong(a -> Wire.number(a[2])).max().orElse(0);
    }
    Quorum.Answers promises = quorum.ask("promise", " " + chosen, QUORUM_TIMEOUT);
    deposed |= promises.deposed();
    if (!promises.agreed()) {
      return false;
    }
    Map<String, Versioned> merged = new TreeMap<>();
    for (String[] answer : promises.ok().values()) {
      Wire.entries(answer, 3).forEach((key, version) -> {
        if (version.newerThan(merged.get(key))) {
          merged.put(key, version);
        }
      });
    }
    if (buggify.fires("primary.slow-takeover")) {
      clock.sleep(SLOW_TAKEOVER); // another host may take the lease, and promises, meanwhile
    }
    long term = chosen;
    Map<String, Versioned> installed = new TreeMap<>();
    merged.forEach((key, v) -> installed.put(key, new Versioned(v.value(), term, 0)));
    Quorum.Answers install =
        quorum.ask("install", " " + term + Wire.entries(installed), QUORUM_TIMEOUT);
    deposed |= install.deposed();
    if (!install.agreed()) {
      return false;
    }
    state.putAll(installed);
    epoch = term;
    tally.tookOver();
    return true;
  }

  private void keep(String key, Versioned version) {
    if (version.newerThan(state.get(key))) {
      state.put(key, version);
    }
  }

  @Override
  public void stop() {
    slot.clear(this);
    endpoint.close();
  }
}
