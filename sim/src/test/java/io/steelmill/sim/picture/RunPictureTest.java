package io.steelmill.sim.picture;

import io.steelmill.runtime.NodeId;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.platform.Address;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.sim.FaultLedger;
import io.steelmill.sim.FaultMask;
import io.steelmill.sim.SimBuggify;
import io.steelmill.sim.SimNetwork;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import io.steelmill.sim.history.CheckResult;
import io.steelmill.sim.history.History;
import io.steelmill.sim.history.LinearizabilityChecker;
import io.steelmill.sim.history.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The picture of a simulated run, parsed back with jsoup: a lane per node, an arrow per message
 * in the window (lost ones marked), BUGGIFY firings on their node, client operations as bars,
 * the stale read outlined as the violation; hostile names and payloads come out escaped; the
 * page needs nothing from outside.
 */
class RunPictureTest {
  private static final String HOSTILE = "<script>alert(1)</script>\"&'\u0001";

  record Run(SimResult result, FaultLedger ledger, History history) {}

  /** a sends to b and c over a lossy network; its client writes k1 and then reads it stale. */
  static Run run(long seed) {
    Simulation sim = Simulation.builder().seed(seed)
        .faults(new FaultLedger.Options(FaultMask.ALL, true, true)).build();
    History[] history = new History[1];
    SimResult result = sim.run(() -> {
      Simulation current = Simulation.current();
      History recorded = new History(current::nanoTime);
      history[0] = recorded;
      SimNetwork network = new SimNetwork();
      network.allLinks().drop(0.2).delay(Duration.ofMillis(1), Duration.ofMillis(30));
      SimBuggify buggify = new SimBuggify();
      for (String node : List.of("b", "c")) {
        current.spawn(NodeId.of(node), "sink", () -> {
          try (Endpoint<String> in = network.bind("in", Codec.utf8())) {
            while (in.receive(Duration.ofSeconds(1)).isPresent()) {
              buggify.fires("sink.slow", 0.5);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      }
      Thread sender = current.spawn(NodeId.of("a"), "sender", () -> {
        try (Endpoint<String> out = network.bind("out", Codec.utf8())) {
          for (int i = 0; i < 40; i++) {
            if (i == 10) {
              recorded.invoke(0, "k1", "put", "v1");
            }
            out.send(new Address(i % 2 == 0 ? "b" : "c", "in"), "m" + i + " " + HOSTILE);
            current.sleep(Duration.ofMillis(10));
            if (i == 12) {
              recorded.ok(0, "v1");
            }
            if (i == 20) {
              recorded.invoke(0, "k1", "get", null);
            }
            if (i == 22) {
              recorded.ok(0, "");
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      sender.join();
    });
    return new Run(result, sim.faults(), history[0]);
  }

  private static Document picture(Run run, List<String> nodes) {
    CheckResult check = new LinearizabilityChecker(Models.named("kv"), Duration.ofSeconds(10))
        .check(run.history());
    assertThat(check.linearizable()).isFalse();
    String html = RunPicture.builder().title("seed 3 " + HOSTILE).seed(3)
        .failure("client history " + check.describe()).command("replay --seed 3")
        .nodes(nodes).timeline(run.ledger().timeline()).faults(run.ledger().faults())
        .history(run.history(), check).runEnd(run.result().virtualNanos()).build().html();
    return Jsoup.parse(html, "", Parser.htmlParser());
  }

  @Test
  void drawsLanesArrowsFaultsOperationsAndTheViolation() {
    Run run = null;
    Document page = null;
    for (long seed = 1; seed <= 50 && page == null; seed++) {
      run = run(seed);
      Document drawn = picture(run, List.of("a", "b", "c"));
      if (!drawn.select("svg g.fault-buggify").isEmpty()) {
        page = drawn;
      }
    }
    assertThat(page).as("a seed in 1..50 whose sink.slow site fires in the window").isNotNull();
    assertThat(run.result().succeeded()).isTrue();

    List<String> lanes = page.select("svg g.lane").eachAttr("data-node");
    assertThat(lanes).containsExactly("a", "b", "c");
    var arrows = page.select("svg g.message");
    assertThat(arrows).hasSizeGreaterThan(5);
    for (Element arrow : arrows) {
      assertThat(lanes).contains(arrow.attr("data-from"), arrow.attr("data-to"));
      assertThat(arrow.select("line, path")).hasSize(1);
    }
    assertThat(arrows.select(".lost")).as("lost messages in the window").isNotEmpty();
    assertThat(page.select("svg g.message.lost title").text()).contains("dropped (d");
    var firings = page.select("svg g.fault.fault-buggify");
    assertThat(firings).isNotEmpty();
    for (Element firing : firings) {
      assertThat(firing.attr("data-fault-id")).matches("b\\d+");
      assertThat(Set.of("b", "c")).contains(firing.attr("data-nodes"));
      assertThat(page.select("tr#fault-" + firing.attr("data-fault-id"))).hasSize(1);
    }
    var ops = page.select("svg g.op");
    assertThat(ops).hasSize(2);
    assertThat(page.select("svg g.op.violation")).hasSize(2);
    assertThat(page.select("svg g.op.violation-stuck text").text()).isEqualTo("get k1: \"\"");
    assertThat(page.select("svg rect.violation-window")).hasSize(1);
    assertThat(page.select("table.faults tr")).hasSize(run.ledger().faults().size() + 1);
  }

  @Test
  void hostileTextIsEscapedAndThePageLoadsNothingFromOutside() {
    Document page = picture(run(3), List.of("a", "b", "c", HOSTILE));

    assertThat(page.select("script")).isEmpty();
    assertThat(page.select("[src], link, img, iframe, object")).isEmpty();
    assertThat(page.select("[href]")).isEmpty();
    String withoutNamespace = page.html().replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assertThat(withoutNamespace).doesNotContain("http:").doesNotContain("https:");
    assertThat(page.select("svg g.lane").eachAttr("data-node"))
        .contains(HOSTILE.replace('\u0001', '?'));
    assertThat(page.select("h1").text()).contains("<script>");
    assertThat(page.select("svg").attr("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
  }

  @Test
  void theSvgIsWellFormedXml(@TempDir Path dir) throws Exception {
    Run run = run(5);
    Path file = dir.resolve("seed-5.html");
    RunPicture.builder().seed(5).nodes(List.of("a", "b", "c")).timeline(run.ledger().timeline())
        .faults(run.ledger().faults()).runEnd(run.result().virtualNanos()).build().write(file);
    String html = Files.readString(file);
    String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + 6);

    Document xml = Jsoup.parse(svg, "", Parser.xmlParser());
    assertThat(xml.select("g.lane")).hasSize(3);
    javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(
            svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(html).contains("window 0.0 ms to");
  }

  @Test
  void theSameSeedDrawsTheSamePicture() {
    assertThat(picture(run(4), List.of("a", "b", "c")).html())
        .isEqualTo(picture(run(4), List.of("a", "b", "c")).html());
  }
}
