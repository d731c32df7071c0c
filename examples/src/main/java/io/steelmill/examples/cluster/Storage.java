package io.steelmill.examples.cluster;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.examples.cluster.StoreTransport.Answer;
import io.steelmill.platform.Buggify;
import io.steelmill.platform.Fence;
import io.steelmill.runtime.Lifecycle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store: answers reads and applies writes that come with the leader's fencing token, over
 * whichever {@link StoreTransport} its host binds, rejecting those whose fencing token is older
 * than one it has seen (unless unfenced). It also watches itself: a write accepted
 * with an older token than an earlier accepted one is a violation.
 */
@Ambient
@Daemon
public final class Storage implements Lifecycle, StoreTransport.StorageHandler {
  private final StoreTransport transport;
  private final StoreSettings settings;
  private final Buggify buggify;
  private final Fence fence = new Fence();
  private final Map<String, String> data = new LinkedHashMap<>();
  private final List<String> violations = new ArrayList<>();
  private long highestAccepted;
  private long accepted;
  private long rejected;
  private StoreTransport.Served served;

  Storage(StoreTransport transport, StoreSettings settings, Buggify buggify) {
    this.transport = transport;
    this.settings = settings;
    this.buggify = buggify;
  }

  @Override
  public void prepare() {
    served = transport.serveStorage(this);
  }

  @Override
  public void run() throws InterruptedException {
    served.serve();
  }

  @Override
  public Answer put(long token, String key, String value) {
    if (overloaded()) {
      return null;
    }
    return apply(token, key, value) ? Answer.DONE : Answer.REFUSED;
  }

  @Override
  public Answer get(long token, String key) {
    if (overloaded()) {
      return null;
    }
    String value = read(token, key);
    return value == null ? Answer.REFUSED : Answer.value(value);
  }

  /** Overloaded: the request is dropped unanswered, as a real server may. */
  private boolean overloaded() {
    return buggify.fires("storage.shed-load", 0.05);
  }
  private synchronized boolean apply(long token, String key, String value) {
    if (settings.fenced() && !fence.admit(token)) {
      rejected++;
      return false;
    }
    if (token < highestAccepted) {
      violations.add("stale write accepted: " + key + "=" + value + " with token " + token
          + " after token " + highestAccepted);
    }
    highestAccepted = Math.max(highestAccepted, token);
    data.put(key, value);
    accepted++;
    return true;
  }

  /** The value of {@code key} ("" when absent), or null for a fenced-off token. */
  private synchronized String read(long token, String key) {
    if (settings.fenced() && !fence.admit(token)) {
      rejected++;
      return null;
    }
    return data.getOrDefault(key, "");
  }

  @Override
  public void stop() {
    served.close();
  }

  /** The value stored for {@code key}, or null. */
  public synchronized String get(String key) {
    return data.get(key);
  }

  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  public synchronized long accepted() {
    return accepted;
  }

  public synchronized long rejected() {
    return rejected;
  }
}
