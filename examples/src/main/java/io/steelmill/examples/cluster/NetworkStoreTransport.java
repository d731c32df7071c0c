package io.steelmill.examples.cluster;

import io.steelmill.platform.Address;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.platform.Network;
import java.time.Duration;
import java.util.Optional;

/**
 * The store's transport over Steelmill's {@code Network}: one text message a request ({@code put
 * <token> <key> <value>}, {@code get <token> <key>} to the storage; {@code put <key> <value>},
 * {@code get <key>} to a frontend), one a reply ({@code ok}, {@code value <v>}, {@code stale},
 * {@code not-leader}, {@code failed}, {@code malformed}). A served service answers on its
 * daemon's task, one request after the other.
 */
final class NetworkStoreTransport implements StoreTransport {
  static final String STORAGE = "storage";
  static final String FRONTEND = "frontend";

  private final Network network;

  NetworkStoreTransport(Network network) {
    this.network = network;
  }

  @Override
  public Served serveStorage(StorageHandler handler) {
    Endpoint<String> endpoint = network.bind(STORAGE, Codec.utf8());
    return new Loop(endpoint) {
      @Override
      void answer(Envelope<String> request) {
        StoreRequest parts = StoreRequest.storage(request.message());
        if (parts == null) {
          if (request.isRequest()) {
            endpoint.reply(request, "malformed"); // a peer's bug must not stop the storage
          }
          return;
        }
        if (parts.get()) {
          Answer answer = handler.get(parts.token(), parts.key());
          if (answer != null) {
            endpoint.reply(request, answer.ok() ? "value " + answer.value() : "stale");
          }
        } else {
          Answer answer = handler.put(parts.token(), parts.key(), parts.value());
          if (answer != null && request.isRequest()) {
            endpoint.reply(request, answer.ok() ? "ok" : "stale");
          }
        }
      }
    };
  }

  @Override
  public Served serveFrontend(FrontendHandler handler) {
    Endpoint<String> endpoint = network.bind(FRONTEND, Codec.utf8());
    return new Loop(endpoint) {
      @Override
      void answer(Envelope<String> request) throws InterruptedException {
        StoreRequest parts = request.isRequest() ? StoreRequest.frontend(request.message()) : null;
        if (parts == null) {
          if (request.isRequest()) {
            endpoint.reply(request, "malformed"); // a peer's bug must not stop this host
          }
          return;
        }
        boolean get = parts.get();
        Answer answer = get ? handler.get(parts.key()) : handler.put(parts.key(), parts.value());
        endpoint.reply(request, switch (answer.kind()) {
          case OK -> get ? "value " + answer.value() : "ok";
          case REFUSED -> "not-leader";
          case FAILED -> "failed";
        });
      }
    };
  }

  @Override
  public StorageCalls storageCalls(long token) {
    Endpoint<String> endpoint = network.bind("writer-" + token, Codec.utf8());
    Address storage = new Address(Topology.STORAGE_NODE, STORAGE);
    return new StorageCalls() {
      @Override
      public Answer put(String key, String value, Duration timeout) throws InterruptedException {
        return decode(endpoint.call(storage, "put " + token + " " + key + " " + value, timeout),
            "stale");
      }

      @Override
      public void putUnanswered(String key, String value, Duration timeout) {
        endpoint.send(storage, "put " + token + " " + key + " " + value);
      }

      @Override
      public Answer get(String key, Duration timeout) throws InterruptedException {
        return decode(endpoint.call(storage, "get " + token + " " + key, timeout), "stale");
      }

      @Override
      public void close() {
        endpoint.close();
      }
    };
  }

  @Override
  public FrontendCalls frontendCalls() {
    Endpoint<String> endpoint = network.bind("client", Codec.utf8());
    return new FrontendCalls() {
      @Override
      public Answer put(String host, String key, String value, Duration timeout)
          throws InterruptedException {
        return decode(endpoint.call(new Address(host, FRONTEND), "put " + key + " " + value,
            timeout), "not-leader");
      }

      @Override
      public Answer get(String host, String key, Duration timeout) throws InterruptedException {
        return decode(endpoint.call(new Address(host, FRONTEND), "get " + key, timeout),
            "not-leader");
      }

      @Override
      public void close() {
        endpoint.close();
      }
    };
  }

  /** A reply's answer ({@code refused} names the refusal), or null when none came. */
  private static Answer decode(Optional<String> reply, String refused) {
    if (reply.isEmpty()) {
      return null;
    }
    String text = reply.get();
    if (text.equals("ok")) {
      return Answer.DONE;
    }
    if (text.startsWith("value ")) {
      return Answer.value(text.substring("value ".length()));
    }
    return text.equals(refused) ? Answer.REFUSED : Answer.FAILED;
  }

  /** {@code get TOKEN KEY} or {@code put TOKEN KEY VALUE}, the token a non-negative number. */
  static boolean wellFormedStorage(String[] request) {
    boolean shaped = request.length == 3 && request[0].equals("get")
        || request.length == 4 && request[0].equals("put");
    return shaped && isToken(request[1]);
  }

  /** 1 to 18 digits {@code 0-9}: what {@code \d{1,18}} matched, without a regex per request. */
  static boolean isToken(String text) {
    return isToken(text, 0, text.length());
  }

  /** {@link #isToken(String)} of {@code text.substring(from, to)}, without cutting it out. */
  static boolean isToken(String text, int from, int to) {
    if (to <= from || to - from > 18) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code text.split(" ", limit)} for {@code limit > 0} (at most {@code limit} fields, the last
   * one the rest of the text), without the list and copies {@code split} makes; with {@link
   * #wellFormedStorage} and {@link #wellFormedFrontend}, the definition {@link StoreRequest} is
   * held to.
   */
  static String[] fields(String text, int limit) {
    String[] fields = new String[limit];
    int count = 0;
    int start = 0;
    while (count < limit - 1) {
      int space = text.indexOf(' ', start);
      if (space < 0) {
        break;
      }
      fields[count++] = text.substring(start, space);
      start = space + 1;
    }
    fields[count++] = text.substring(start);
    return count == limit ? fields : java.util.Arrays.copyOf(fields, count);
  }

  /** {@code get KEY} or {@code put KEY VALUE}. */
  static boolean wellFormedFrontend(String[] request) {
    return request.length == 2 && request[0].equals("get")
        || request.length == 3 && request[0].equals("put");
  }

  /** Receives and answers requests on the serving daemon's task until the endpoint closes. */
  private abstract static class Loop implements Served {
    private final Endpoint<String> endpoint;

    Loop(Endpoint<String> endpoint) {
      this.endpoint = endpoint;
    }

    abstract void answer(Envelope<String> request) throws InterruptedException;

    @Override
    public void serve() throws InterruptedException {
      try {
        while (true) {
          answer(endpoint.receive());
        }
      } catch (IllegalStateException closed) {
        // stopped
      }
    }

    @Override
    public void close() {
      endpoint.close();
    }
  }
}
