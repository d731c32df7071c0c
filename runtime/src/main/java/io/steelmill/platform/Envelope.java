package io.steelmill.platform;

/**
 * A received message, its sender's address, and the id under which a request expects its reply
 * ({@code 0} for a plain message). Answer a request with {@link Endpoint#reply}.
 */
public record Envelope<M>(Address from, M message, long requestId) {
  /** A plain message. */
  public Envelope(Address from, M message) {
    this(from, message, 0);
  }

  /** Whether the sender waits for a reply ({@link Endpoint#call}). */
  public boolean isRequest() {
    return requestId != 0;
  }
}
