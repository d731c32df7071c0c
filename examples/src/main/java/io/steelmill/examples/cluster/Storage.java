package io.steelmill.examples.cluster;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.platform.Buggify;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.platform.Fence;
import io.steelmill.platform.Network;
import io.steelmill.runtime.Lifecycle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store: answers {@code get <token> <key>} and applies {@code put <token> <key> <value>}
 * requests, rejecting those whose fencing
 * token is older than one it has seen (unless unfenced). It also watches itself: a write accepted
 * with an older token than an earlier accepted one is a violation.
 */
@Ambient
@Daemon
public final class Storage implements Lifecycle {
  static final String SERVICE = "storage";

  private final Network network;
  private final StoreSettings settings;
  private final Buggify buggify;
  private final Fence fence = new Fence();
  private final Map<String, String> data = new LinkedHashMap<>();
  private final List<String> violations = new ArrayList<>();
  private long highestAccepted;
  private long accepted;
  private long rejected;
  private Endpoint<String> endpoint;

  Storage(Network network, StoreSettings settings, Buggify buggify) {
    this.network = network;
    this.settings = settings;
    this.buggify = buggify;
  }

  @Override
  public void prepare() {
    endpoint = network.bind(SERVICE, Codec.utf8());
  }

  @Override
  public void run() throws InterruptedException {
    try {
      while (true) {
        Envelope<String> request = endpoint.receive();
        String[] parts = request.message().split(" ", 4);
        if (!wellFormed(parts)) {
          if (request.isRequest()) {
            endpoint.reply(request, "malformed"); // a peer's bug must not stop the storage
          }
          continue;
        }
        if (buggify.fires("storage.shed-load", 0.05)) {
          continue; // overloaded: the request is dropped unanswered, as a real server may
        }
        long token = Long.parseLong(parts[1]);
        if (parts[0].equals("get")) {
          String value = read(token, parts[2]);
          endpoint.reply(request, value == null ? "stale" : "value " + value);
        } else {
          boolean applied = apply(token, parts[2], parts[3]);
          if (request.isRequest()) {
            endpoint.reply(request, applied ? "ok" : "stale");
          }
        }
      }
    } catch (IllegalStateException closed) {
      // stopped
    }
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

  /** {@code get TOKEN KEY} or {@code put TOKEN KEY VALUE}, the token a non-negative number. */
  private static boolean wellFormed(String[] request) {
    boolean shaped = request.length == 3 && request[0].equals("get")
        || request.length == 4 && request[0].equals("put");
    return shaped && request[1].matches("\\d{1,18}");
  }

  @Override
  public void stop() {
    endpoint.close();
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
