package io.steelmill.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.SplitMix64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The transport reads requests without a regex or {@code String.split} per message (a sweep sends
 * millions); what it accepts and how it cuts a request must stay exactly what {@code split(" ",
 * limit)} and {@code \d{1,18}} gave, malformed requests included, or seeds would change.
 */
class NetworkStoreTransportTest {
  private static final Pattern TOKEN = Pattern.compile("\\d{1,18}");
  /** Spaces, digits, letters, signs and non-ASCII digits: what malformed requests are made of. */
  private static final String ALPHABET = "   0123456789ap-+\u0663\u00e9x";

  @Test
  void fieldsCutLikeSplitOnEveryShapeOfText() {
    List<String> hostile = List.of("", " ", "  ", "put", "put ", " put", "put  k v",
        "put k v ", "get 1 k", "put 1 k v w x", "a b c d e f", "\u0663 \u00e9");
    for (String text : hostile) {
      for (int limit = 1; limit <= 5; limit++) {
        assertThat(NetworkStoreTransport.fields(text, limit))
            .as("\"%s\" limit %d", text, limit)
            .containsExactly(text.split(" ", limit));
      }
    }
    SplitMix64 random = new SplitMix64(13);
    for (int i = 0; i < 20_000; i++) {
      String text = randomText(random);
      int limit = 1 + random.nextInt(5);
      assertThat(NetworkStoreTransport.fields(text, limit))
          .as("\"%s\" limit %d (seed 13, case %d)", text, limit, i)
          .containsExactly(text.split(" ", limit));
    }
  }

  @Test
  void tokensAreWhatTheRegexAccepted() {
    List<String> hostile = List.of("", "0", "007", "123456789012345678", "1234567890123456789",
        "-1", "+1", "1 ", " 1", "1a", "\u0663", "12\u0663", "9".repeat(18), "9".repeat(40));
    for (String text : hostile) {
      assertThat(NetworkStoreTransport.isToken(text))
          .as("\"%s\"", text)
          .isEqualTo(TOKEN.matcher(text).matches());
    }
    SplitMix64 random = new SplitMix64(29);
    for (int i = 0; i < 20_000; i++) {
      String text = randomText(random);
      assertThat(NetworkStoreTransport.isToken(text))
          .as("\"%s\" (seed 29, case %d)", text, i)
          .isEqualTo(TOKEN.matcher(text).matches());
    }
  }

  @Test
  void requestsAreCutAsSplitAndTheChecksCutThem() {
    List<String> hostile = List.of("", " ", "get", "get ", "put ", "get 1", "get 1 ", "get 1 k",
        "get 1 k v", "put 1 k", "put 1 k ", "put 1  v", "put 1 k v w", "get  k", "put -1 k v",
        "get 1234567890123456789 k", "get 123456789012345678 k", "get \u0663 k", "gets 1 k",
        " get 1 k", "GET 1 k", "put k", "put k v", "put k v w", "get k", "get k v", "get ",
        "pu 1 k v", "put 007 k v");
    for (String text : hostile) {
      assertSameCut(text, "hostile");
    }
    SplitMix64 random = new SplitMix64(31);
    String[] verbs = {"get ", "put ", "get", "put", "pet ", ""};
    for (int i = 0; i < 40_000; i++) {
      String text = verbs[random.nextInt(verbs.length)] + randomText(random);
      assertSameCut(text, "seed 31, case " + i);
    }
  }

  private static void assertSameCut(String text, String which) {
    String[] storage = NetworkStoreTransport.fields(text, 4);
    StoreRequest cut = StoreRequest.storage(text);
    if (!NetworkStoreTransport.wellFormedStorage(storage)) {
      assertThat(cut).as("storage \"%s\" (%s)", text, which).isNull();
    } else {
      assertThat(cut).as("storage \"%s\" (%s)", text, which).isEqualTo(new StoreRequest(
          storage[0].equals("get"), Long.parseLong(storage[1]), storage[2],
          storage.length == 4 ? storage[3] : null));
    }
    String[] frontend = NetworkStoreTransport.fields(text, 3);
    cut = StoreRequest.frontend(text);
    if (!NetworkStoreTransport.wellFormedFrontend(frontend)) {
      assertThat(cut).as("frontend \"%s\" (%s)", text, which).isNull();
    } else {
      assertThat(cut).as("frontend \"%s\" (%s)", text, which).isEqualTo(new StoreRequest(
          frontend[0].equals("get"), -1, frontend[1], frontend.length == 3 ? frontend[2] : null));
    }
  }

  private static String randomText(SplitMix64 random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(24);
    for (int j = 0; j < length; j++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
