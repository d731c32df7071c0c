package io.steelmill.examples.cluster;

/**
 * A request of {@link NetworkStoreTransport}, cut out of its text in place: only the key and the
 * value become strings (the verb is compared and the token parsed where they lie), since every
 * message of every seed of a sweep goes through here. It accepts exactly what cutting with
 * {@code split(" ", limit)} and checking each field accepted (NetworkStoreTransportTest).
 *
 * @param get true for {@code get}, false for {@code put}
 * @param token the fencing token (storage requests), or -1
 * @param key the key
 * @param value the value of a {@code put}, or null
 */
record StoreRequest(boolean get, long token, String key, String value) {
  /** {@code get TOKEN KEY} or {@code put TOKEN KEY VALUE} (the value the rest), or null. */
  static StoreRequest storage(String text) {
    int verbEnd = verbEnd(text);
    if (verbEnd < 0) {
      return null;
    }
    boolean get = text.charAt(0) == 'g';
    int tokenEnd = text.indexOf(' ', verbEnd + 1);
    if (tokenEnd < 0 || !NetworkStoreTransport.isToken(text, verbEnd + 1, tokenEnd)) {
      return null;
    }
    long token = Long.parseLong(text, verbEnd + 1, tokenEnd, 10);
    int keyEnd = text.indexOf(' ', tokenEnd + 1);
    if (get) {
      return keyEnd >= 0 ? null : new StoreRequest(true, token, text.substring(tokenEnd + 1), null);
    }
    return keyEnd < 0 ? null : new StoreRequest(false, token,
        text.substring(tokenEnd + 1, keyEnd), text.substring(keyEnd + 1));
  }

  /** {@code get KEY} or {@code put KEY VALUE} (the value the rest), or null. */
  static StoreRequest frontend(String text) {
    int verbEnd = verbEnd(text);
    if (verbEnd < 0) {
      return null;
    }
    int keyEnd = text.indexOf(' ', verbEnd + 1);
    if (text.charAt(0) == 'g') {
      return keyEnd >= 0 ? null : new StoreRequest(true, -1, text.substring(verbEnd + 1), null);
    }
    return keyEnd < 0 ? null : new StoreRequest(false, -1, text.substring(verbEnd + 1, keyEnd),
        text.substring(keyEnd + 1));
  }

  /** 3 when the text starts with {@code "get "} or {@code "put "}, else -1. */
  private static int verbEnd(String text) {
    return text.startsWith("get ") || text.startsWith("put ") ? 3 : -1;
  }
}
