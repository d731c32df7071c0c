package io.steelmill.examples;

import static io.steelmill.examples.CliRun.group;
import static io.steelmill.examples.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.CliRun.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BUGGIFY, shrinking and pictures on the cluster store: a planted bug is found, shrunk to a few
 * faults whose replay still fails, and drawn; the correct store survives BUGGIFY; bad fault
 * options are one-line mistakes.
 */
class ClusterShrinkTest {
  @Test
  void aStaleReadShrinksToAFewFaultsWhoseReplayStillFailsAndIsDrawn(@TempDir Path dir)
      throws Exception {
    Run sweep = run("cluster", "simulate", "--nodes", "5", "--seeds", "40", "--bug", "stale-read",
        "--virtual", "5s", "--shrink", "--jobs", "1", "--report-dir", dir.toString());
    assertThat(sweep.code()).as(sweep.out()).isEqualTo(1);
    String seed = group(sweep.out(), "violation at seed (\\d+): ");
    int kept = Integer.parseInt(group(sweep.out(), "shrunk: (\\d+) of \\d+ faults"));
    int all = Integer.parseInt(group(sweep.out(), "shrunk: \\d+ of (\\d+) faults"));
    String faults = group(sweep.out(), "replay shrunk: .* --faults ([a-z0-9,]+)\"");
    assertThat(kept).as(sweep.out()).isLessThan(all).isPositive();
    assertThat(faults.split(",")).hasSize(kept);
    assertThat(sweep.out()).contains("1-minimal");

    Run replay = run("cluster", "simulate", "--nodes", "5", "--seed", seed, "--bug", "stale-read",
        "--virtual", "5s", "--faults", faults);
    assertThat(replay.code()).as(replay.out()).isEqualTo(1);
    assertThat(replay.out()).contains("client history not linearizable")
        .contains("faults: " + kept + " injected, ");

    assertThat(Files.readString(dir.resolve("seed-" + seed + ".txt")))
        .contains("replay shrunk: ").contains("--faults " + faults);
    for (String picture : List.of("seed-" + seed + ".html", "seed-" + seed + "-shrunk.html")) {
      Document page = Jsoup.parse(dir.resolve(picture).toFile());
      assertThat(page.select("svg g.lane").eachAttr("data-node"))
          .startsWith("n0", "n1", "n2", "n3", "n4").contains("ambient");
      assertThat(page.select("svg g.message")).as(picture).hasSizeGreaterThan(10);
      assertThat(page.select("svg g.op.violation")).as(picture).isNotEmpty();
      assertThat(page.select("svg g.op.violation-stuck")).as(picture).hasSize(1);
      assertThat(page.select("table.faults tr")).as(picture).hasSizeGreaterThan(kept);
    }
    Document shrunk = Jsoup.parse(dir.resolve("seed-" + seed + "-shrunk.html").toFile());
    assertThat(shrunk.select("table.faults tr:not(.left-out) td:first-child").eachText())
        .containsExactlyInAnyOrder(faults.split(","));
  }

  @Test
  void aPictureOfOneSeedShowsItsFaultsAndDoesNotChangeItsTrace(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("seed-3.html");
    Run plain = run("cluster", "simulate", "--nodes", "5", "--seed", "3", "--virtual", "5s",
        "--buggify");
    Run drawn = run("cluster", "simulate", "--nodes", "5", "--seed", "3", "--virtual", "5s",
        "--buggify", "--picture", file.toString());
    assertThat(drawn.code()).as(drawn.out()).isZero();
    assertThat(drawn.out()).contains(group(plain.out(), "(trace sha256: [0-9a-f]{64})"))
        .contains("picture: " + file);
    Document page = Jsoup.parse(file.toFile());
    assertThat(page.select("svg g.fault").eachAttr("data-type"))
        .as("a 5 s run of seed 3 has nemesis faults").isNotEmpty();
    for (var fault : page.select("svg g.fault")) {
      assertThat(fault.attr("data-fault-id")).matches("[fb]\\d+");
    }
    assertThat(page.select("svg g.op")).isNotEmpty();
    assertThat(page.select("svg g.op.violation")).isEmpty();
  }

  @Test
  void theCorrectStoreSurvivesBuggifyAndTheFiringsAreTraced(@TempDir Path dir) throws Exception {
    Run sweep = run("cluster", "simulate", "--nodes", "5", "--seeds", "12", "--buggify",
        "--virtual", "5s");
    assertThat(sweep.code()).as(sweep.out()).isZero();
    assertThat(sweep.out()).contains("violations: 0");
    boolean fired = false;
    for (int seed = 1; seed <= 12 && !fired; seed++) {
      Path trace = dir.resolve("trace-" + seed + ".txt");
      run("cluster", "simulate", "--nodes", "5", "--seed", "" + seed, "--virtual", "5s",
          "--buggify", "--trace", trace.toString());
      fired = Files.readAllLines(trace).stream()
          .anyMatch(line ->
              line.matches("t=\\d+ buggify (storage|frontend)\\.[a-z-]+.* \\[b\\d+]"));
    }
    assertThat(fired).as("a BUGGIFY firing in the traces of seeds 1..12").isTrue();
  }

  @Test
  void badFaultOptionsAreOneLineMistakes(@TempDir Path dir) {
    List<List<String>> cases = List.of(
        List.of("--seeds", "3", "--faults", "f1"),
        List.of("--seed", "1", "--faults", "x9"),
        List.of("--seed", "1", "--faults", ""),
        List.of("--seed", "1", "--faults", "f1,,b2"),
        List.of("--seed", "1", "--faults", "f0"),
        List.of("--seeds", "3", "--picture", dir.resolve("p.html").toString()),
        List.of("--seed", "1", "--picture", dir.resolve("missing/p.html").toString()),
        List.of("--seed", "1", "--shrink-budget", "0"),
        List.of("--seed", "1", "--shrink-budget", "10001"));
    for (List<String> options : cases) {
      List<String> args = new java.util.ArrayList<>(List.of("cluster", "simulate"));
      args.addAll(options);
      Run run = run(args.toArray(String[]::new));
      assertThat(run.code()).as("%s: %s", options, run.err()).isEqualTo(2);
      assertThat(run.err().strip().lines().findFirst().orElse(""))
          .as("%s", options).matches("(?i).*(--faults|--picture|--shrink-budget).*");
      assertThat(run.err()).as("%s", options).doesNotContain("\tat ").doesNotContain("Exception");
    }
  }

  @Test
  void aFailureWithoutFaultsShrinksToNone() {
    Run run = run("cluster", "simulate", "--nodes", "5", "--seed", "1", "--bug", "early-ack",
        "--buggify", "--shrink");
    assertThat(run.code()).as(run.out()).isEqualTo(1);
    String kept = group(run.out(), "faults needed: (\\d+) of \\d+");
    Run replay = run("cluster", "simulate", "--nodes", "5", "--seed", "1", "--bug", "early-ack",
        "--buggify", "--faults", kept.equals("0") ? "none"
            : group(run.out(), "--faults ([a-z0-9,]+)\""));
    assertThat(replay.code()).as(replay.out()).isEqualTo(1);
  }
}
