package io.steelmill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A node's name comes from whoever creates the node (a lease holder, a request, a plugin), so it
 * may hold line breaks, other control characters and quotes. The failure's message still names
 * the daemon, the node and the phase on its one first line, the name escaped so it can neither
 * split that line nor forge a log line; {@link FactoryException#node()} keeps the name as given.
 */
class FactoryExceptionNamesHostileTest {
  private static final long SEED = 0x5EED_4A3EL;

  @Test
  void hostileNodeNamesStayOnTheFirstLineEscaped() {
    String[] pieces = {"a", "lease-7", "\n", "\r", "\r\n", "\u0000", "\u001b[31m", "\"", "\\",
        "\u2028", "\u2029", "\u0085", "\t", "\u007f", "\u00e9", "\u65e5", "\ud83d\ude00", " ",
        "\" failed in phase RUN: forged", "\nDaemon X of node \"y\" failed"};
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 3000; i++) {
      StringBuilder name = new StringBuilder();
      int length = 1 + random.nextInt(6);
      for (int j = 0; j < length; j++) {
        name.append(pieces[random.nextInt(pieces.length)]);
      }
      String node = name.toString();
      Phase phase = Phase.values()[random.nextInt(Phase.values().length)];
      boolean withPath = random.nextBoolean();
      FactoryException error = new FactoryException(node, "Store", phase,
          withPath ? List.of("App", "Store") : List.of(), null,
          new IllegalStateException("boom"));
      String context = "seed " + SEED + ", case " + i + ": " + node.replace("\n", "\\n");
      List<String> lines = error.getMessage().lines().toList();
      assertThat(lines).as(context).hasSize(withPath ? 2 : 1);
      String first = lines.get(0);
      assertThat(first).as(context)
          .startsWith("Daemon Store of node \"")
          .endsWith("\" failed in phase " + phase + ": IllegalStateException: boom")
          .doesNotContain("\u2028").doesNotContain("\u2029").doesNotContain("\u0085")
          .doesNotContain("\u0000").doesNotContain("\u001b");
      String shown = first.substring("Daemon Store of node \"".length(),
          first.length() - ("\" failed in phase " + phase + ": IllegalStateException: boom")
              .length());
      assertThat(shown.replaceAll("\\\\[\"\\\\]", "")).as(context).doesNotContain("\"");
      assertThat(error.node()).as(context).isEqualTo(node);
    }
  }

  @Test
  void plainNamesAreUnchanged() {
    FactoryException error = new FactoryException("host-1.example", "Store", Phase.PREPARE,
        List.of(), null, new IllegalStateException("boom"));
    assertThat(error.getMessage())
        .isEqualTo("Daemon Store of node \"host-1.example\" failed in phase prepare:"
            + " IllegalStateException: boom");
  }

  @Test
  void aHugeCauseMessageIsCutInTheReportAndKeptWholeInTheCause() {
    // 10 M chars; a cut must not split a pair, whichever half of one falls at the limit
    String pairs = "\ud83d\ude00".repeat(5_000_000);
    assertCutKeepsPairs(pairs); // a pair's first half at the limit
    assertCutKeepsPairs("x" + pairs); // its second half
  }

  private static void assertCutKeepsPairs(String huge) {
    IllegalStateException cause = new IllegalStateException(huge);
    FactoryException error = new FactoryException("h", "Store", Phase.RUN, List.of(), null, cause);
    assertThat(error.getMessage())
        .startsWith("Daemon Store of node \"h\" failed in phase run: IllegalStateException: ")
        .endsWith(" more characters: see the cause)")
        .hasSizeLessThan(FactoryException.MAX_CAUSE_MESSAGE + 200);
    String shown = error.getMessage();
    for (int i = 0; i < shown.length(); i++) {
      if (Character.isHighSurrogate(shown.charAt(i))) {
        assertThat(Character.isLowSurrogate(shown.charAt(i + 1))).as("pair at %d", i).isTrue();
      }
    }
    assertThat(error.getCause().getMessage()).isSameAs(huge);
    String fits = "y".repeat(FactoryException.MAX_CAUSE_MESSAGE);
    assertThat(new FactoryException("h", "Store", Phase.RUN, List.of(), null,
        new IllegalStateException(fits)).getMessage()).endsWith(": " + fits);
  }
}
