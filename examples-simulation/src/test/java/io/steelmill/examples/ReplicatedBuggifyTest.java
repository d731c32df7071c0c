package io.steelmill.examples;

import static io.steelmill.examples.CliRun.group;
import static io.steelmill.examples.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.CliRun.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BUGGIFY on the replicated store: its sites fire and are named in the trace, the correct store
 * survives them, each planted bug is still found (one of them much sooner), a seed with firings
 * replays to the same trace, and a failure that needs only BUGGIFY firings shrinks to them and is
 * drawn with them.
 */
class ReplicatedBuggifyTest {
  /** The store's BUGGIFY sites (see PrimaryService and Replica). */
  private static final Set<String> SITES = Set.of("replica.slow-sync", "replica.failed-write",
      "primary.slow-prepare", "primary.slow-takeover", "primary.slow-reply", "primary.step-down");

  private static final Pattern FIRING =
      Pattern.compile("(?m)^t=\\d+ buggify ([a-z.-]+) on (n\\d) \\[(b\\d+)]$");

  private static Run simulate(String... options) {
    List<String> args = new ArrayList<>(
        List.of("cluster", "simulate", "--store", "replicated", "--nodes", "5"));
    args.addAll(List.of(options));
    return run(args.toArray(String[]::new));
  }

  @Test
  void anEarlyAcknowledgementIsFoundAtOnceWithBuggifyAndNotWithoutIt() {
    Run plain = simulate("--seeds", "3", "--virtual", "2s", "--bug", "early-ack");
    assertThat(plain.code()).as(plain.out()).isZero();
    Run buggified =
        simulate("--seeds", "3", "--virtual", "2s", "--bug", "early-ack", "--buggify");
    assertThat(buggified.code()).as(buggified.out()).isEqualTo(1);
    assertThat(buggified.out()).contains("violation at seed 1: client history not linearizable")
        .contains("--virtual 2s --buggify --history seed-1.edn");
  }

  @Test
  void aReusedStaleTermIsFoundInTheFirstSeedWithBuggify() {
    Run run = simulate("--seeds", "3", "--virtual", "2s", "--bug", "stale-term", "--buggify");
    assertThat(run.code()).as(run.out()).isEqualTo(1);
    assertThat(run.out()).contains("violation at seed 1: client history not linearizable");
  }

  @Test
  void aStaleReadIsStillFoundWithBuggify() {
    Run run = simulate("--seeds", "40", "--bug", "stale-read", "--buggify");
    assertThat(run.code()).as(run.out()).isEqualTo(1);
    assertThat(run.out()).contains("violation at seed 32: client history not linearizable");
  }

  @Test
  void theCorrectStoreSurvivesEverySite() {
    Run run = simulate("--seeds", "16", "--virtual", "2s", "--buggify");
    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("violations: 0")
        .containsPattern("histories: 16 linearizable \\([1-9][0-9]{3,} operations checked\\)");
  }

  @Test
  void theTraceNamesEachSiteOfTheStoreWhenItFires(@TempDir Path dir) throws Exception {
    Set<String> fired = new TreeSet<>();
    for (int seed = 1; seed <= 16 && !fired.containsAll(SITES); seed++) {
      Path trace = dir.resolve("trace-" + seed + ".txt");
      Run run = simulate("--seed", "" + seed, "--virtual", "2s", "--buggify", "--trace",
          trace.toString());
      assertThat(run.code()).as(run.out()).isZero();
      Matcher firing = FIRING.matcher(Files.readString(trace));
      while (firing.find()) {
        fired.add(firing.group(1));
      }
    }
    assertThat(fired).as("sites that fired in seeds 1..16 of 2 s").isEqualTo(SITES);
  }

  @Test
  void aSeedWithFiringsReplaysToTheSameTrace(@TempDir Path dir) throws Exception {
    Path first = dir.resolve("first.txt");
    Path second = dir.resolve("second.txt");
    Run one = simulate("--seed", "15", "--virtual", "2s", "--buggify", "--trace", first.toString());
    Run two = simulate("--seed", "15", "--virtual", "2s", "--buggify", "--trace",
        second.toString());
    Run plain = simulate("--seed", "15", "--virtual", "2s");
    String hash = group(one.out(), "trace sha256: ([0-9a-f]{64})");
    assertThat(two.out()).contains("trace sha256: " + hash);
    assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    assertThat(FIRING.matcher(Files.readString(first)).results().count())
        .as("BUGGIFY firings in seed 15").isGreaterThan(10);
    assertThat(plain.out()).doesNotContain("trace sha256: " + hash);
  }

  @Test
  void aLossMadeOfBuggifyFiringsShrinksToThemAndIsDrawnWithThem(@TempDir Path dir)
      throws Exception {
    Run shrink = simulate("--seed", "15", "--virtual", "2s", "--bug", "early-ack", "--buggify",
        "--shrink");
    assertThat(shrink.code()).as(shrink.out()).isEqualTo(1);
    String faults = group(shrink.out(), "replay shrunk: .* --faults ([a-z0-9,]+)\"");
    assertThat(faults.split(",")).as(shrink.out()).allMatch(id -> id.matches("b\\d+"))
        .hasSizeBetween(2, 10);
    assertThat(shrink.out()).contains("1-minimal");

    Path picture = dir.resolve("seed-15.html");
    Run replay = simulate("--seed", "15", "--virtual", "2s", "--bug", "early-ack", "--buggify",
        "--faults", faults, "--picture", picture.toString());
    assertThat(replay.code()).as(replay.out()).isEqualTo(1);
    assertThat(replay.out()).contains("client history not linearizable");
    Document page = Jsoup.parse(picture.toFile());
    assertThat(page.select("table.faults tr:not(.left-out) td:first-child").eachText())
        .containsExactlyInAnyOrder(faults.split(","));
    assertThat(page.select("svg g.fault-buggify polygon.mark")).as("BUGGIFY diamonds")
        .isNotEmpty();
    assertThat(page.select("svg g.fault-buggify").eachAttr("data-fault-id"))
        .allMatch(id -> List.of(faults.split(",")).contains(id));
    assertThat(page.select("svg g.op.violation")).isNotEmpty();
  }

  @Test
  void aShrunkRunIsDrawnWithEveryFaultItKeptHoweverEarly(@TempDir Path dir) throws Exception {
    // seed 1's early acknowledgement needs three slow fsyncs long before the violation, a pause
    // and a lease expiry (the shrink of --seed 1 --buggify, as README.md shows it)
    List<String> kept = List.of("b5", "b6", "b12", "f2", "f4");
    Path picture = dir.resolve("seed-1.html");
    Run replay = simulate("--seed", "1", "--virtual", "2s", "--bug", "early-ack", "--buggify",
        "--faults", String.join(",", kept), "--picture", picture.toString());
    assertThat(replay.code()).as(replay.out()).isEqualTo(1);
    Document page = Jsoup.parse(picture.toFile());
    assertThat(page.select("svg g.fault").eachAttr("data-fault-id"))
        .containsExactlyInAnyOrderElementsOf(kept);
    assertThat(page.select("svg g.fault-buggify title").eachText())
        .allMatch(title -> title.contains("buggify replica.slow-sync on n"));
  }
}
