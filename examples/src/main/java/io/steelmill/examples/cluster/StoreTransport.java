package io.steelmill.examples.cluster;

import java.time.Duration;

/**
 * How the fenced store's parts talk: the storage and the frontends serve requests through it, the
 * leader and the client call through it. The store's logic ({@link Storage}, {@link Frontend},
 * {@link LeaderService}, {@link WriterClient}) is written once against this interface; {@link
 * NetworkStoreTransport} carries it as text messages over Steelmill's {@code Network}, {@link
 * GrpcStoreTransport} as the calls of {@code store.proto}. Which one a host uses is a binding of
 * its factory ({@link StoreHost} or {@link GrpcStoreHost}), chosen by {@code --transport}.
 */
public interface StoreTransport {
  /** Serves the storage's requests with {@code handler}; call from the storage's prepare. */
  Served serveStorage(StorageHandler handler);

  /** Serves a host's frontend with {@code handler}; call from the frontend's prepare. */
  Served serveFrontend(FrontendHandler handler);

  /** Calls from the leader holding fencing token {@code token} to the storage. */
  StorageCalls storageCalls(long token);

  /** Calls from the store's client to the hosts' frontends. */
  FrontendCalls frontendCalls();

  /**
   * A request's answer: {@link Kind#OK} with the value read ("" for a write), {@link
   * Kind#REFUSED} when it certainly did nothing (a stale token at the storage, no lease at the
   * frontend), or {@link Kind#FAILED} when it may or may not have taken effect.
   */
  record Answer(Kind kind, String value) {
    /** What a request came to. */
    public enum Kind {
      OK,
      REFUSED,
      FAILED
    }

    static final Answer DONE = new Answer(Kind.OK, "");
    static final Answer REFUSED = new Answer(Kind.REFUSED, "");
    static final Answer FAILED = new Answer(Kind.FAILED, "");

    static Answer value(String value) {
      return new Answer(Kind.OK, value);
    }

    boolean ok() {
      return kind == Kind.OK;
    }
  }

  /**
   * The storage's logic: a request with the leader's fencing token; a null answer drops it
   * unanswered (an overloaded server does so; the caller's timeout ends its wait).
   */
  interface StorageHandler {
    Answer put(long token, String key, String value);

    Answer get(long token, String key);
  }

  /** A frontend's logic: a client's request, handed to the leader if this host has it. */
  interface FrontendHandler {
    Answer put(String key, String value) throws InterruptedException;

    Answer get(String key) throws InterruptedException;
  }

  /** A service being served: {@link #serve} from the daemon's run, {@link #close} from stop. */
  interface Served {
    /** Serves until closed, where the transport needs the daemon's task; else returns at once. */
    void serve() throws InterruptedException;

    void close();
  }

  /** The leader's calls to the storage, each within {@code timeout}; null when unanswered. */
  interface StorageCalls {
    Answer put(String key, String value, Duration timeout) throws InterruptedException;

    /** Sends the write and does not wait for its answer (the early-ack bug). */
    void putUnanswered(String key, String value, Duration timeout);

    Answer get(String key, Duration timeout) throws InterruptedException;

    void close();
  }

  /** The client's calls to {@code host}'s frontend, each within {@code timeout}; null unanswered. */
  interface FrontendCalls {
    Answer put(String host, String key, String value, Duration timeout)
        throws InterruptedException;

    Answer get(String host, String key, Duration timeout) throws InterruptedException;

    void close();
  }
}
