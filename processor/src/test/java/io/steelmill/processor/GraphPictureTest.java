package io.steelmill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.steelmill.processor.Compiler.compile;
import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The graph pictures ({@code Steelmill<Name>.dot} and {@code .mmd} next to the generated
 * source): read back into nodes and edges and checked for structure, not compared as text.
 */
class GraphPictureTest {
  private static final JavaFileObject PLATFORM =
      source(
          "test.Clock",
          "package test;",
          "import io.steelmill.*;",
          "@Production(SystemClock.class)",
          "@Simulation(SimClock.class)",
          "public interface Clock { long now(); }",
          "@Ambient @Daemon @Production",
          "final class SystemClock implements Clock { public long now() { return 1; } }",
          "@Ambient @Daemon @Simulation",
          "final class SimClock implements Clock { public long now() { return 0; } }");

  private static final JavaFileObject STORE =
      source(
          "test.Store",
          "package test;",
          "import io.steelmill.*;",
          "import io.steelmill.runtime.Provider;",
          "@Daemon final class Store {",
          "  Store(Clock clock, @Named(\"wal\") String walPath, Provider<Index> index) {}",
          "}",
          "@Daemon final class Index { Index(Config config) {} }",
          "@Daemon @Simulation final class Chaos { Chaos(Clock clock) {} }",
          "final class Config {}",
          "@Factory(injected = Config.class)",
          "interface App {",
          "  Store store();",
          "  @Provides @Named(\"wal\") static String walPath() { return \"/wal\"; }",
          "}",
          "@Factory(parent = App.class)",
          "interface Leader { Worker worker(); }",
          "@Daemon final class Worker { Worker(Store store, Clock clock) {} }");

  @Test
  void rootFactoryShowsBindingsModesAndTheAmbient() throws IOException {
    Compilation compilation = compile(PLATFORM, STORE);
    assertThat(compilation).succeeded();
    Dot dot = Dot.parse(file(compilation, "SteelmillApp.dot"));

    assertThat(dot.label("factory")).isEqualTo("App\n@Factory");
    assertThat(dot.edges()).contains(
        "App\n@Factory -> Store\n@Daemon [store()]",
        "Store\n@Daemon -> @Named(\"wal\") String\n@Provides App.walPath() []",
        "Store\n@Daemon -> Index\n@Daemon [Provider] dashed",
        "Index\n@Daemon -> Config\ninjected []",
        "Store\n@Daemon -> Clock\nproduction: uses SystemClock\nsimulation: uses SimClock []",
        "Clock\nproduction: uses SystemClock\nsimulation: uses SimClock"
            + " -> SystemClock\n@Ambient @Daemon\nproduction only [production only]",
        "Clock\nproduction: uses SystemClock\nsimulation: uses SimClock"
            + " -> SimClock\n@Ambient @Daemon\nsimulation only [simulation only]");
    assertThat(dot.cluster("ambient"))
        .containsExactlyInAnyOrder(
            "SystemClock\n@Ambient @Daemon\nproduction only",
            "SimClock\n@Ambient @Daemon\nsimulation only");
    // nothing requests Chaos: it is not part of the graph, in either mode
    assertThat(dot.labels()).noneMatch(label -> label.startsWith("Chaos"));
    assertThat(dot.cluster("parent")).isEmpty();
  }

  @Test
  void childFactoryShowsWhatItTakesFromItsParent() throws IOException {
    Compilation compilation = compile(PLATFORM, STORE);
    String text = file(compilation, "SteelmillLeader.dot");
    Dot dot = Dot.parse(text);

    assertThat(text).contains("label=\"parent: App\"");
    assertThat(dot.cluster("parent"))
        .containsExactlyInAnyOrder("Store\nfrom the parent", "Clock\nfrom the parent");
    assertThat(dot.edges())
        .contains(
            "Leader\n@Factory -> Worker\n@Daemon [worker()]",
            "Worker\n@Daemon -> Store\nfrom the parent []");
  }

  @Test
  void mermaidHasTheSameNodesAndEdges() throws IOException {
    Compilation compilation = compile(PLATFORM, STORE);
    Dot dot = Dot.parse(file(compilation, "SteelmillApp.dot"));
    Mermaid mermaid = Mermaid.parse(file(compilation, "SteelmillApp.mmd"));

    assertThat(mermaid.labels).isEqualTo(dot.labelsById);
    assertThat(mermaid.edges).hasSameSizeAs(dot.edgeIds);
    assertThat(mermaid.edges).containsExactlyElementsOf(dot.edgeIds);
    assertThat(mermaid.text).startsWith("%% The Steelmill graph of test.App").contains("flowchart LR");
    assertThat(mermaid.classes).containsEntry(dot.idOf("SystemClock"), "production")
        .containsEntry(dot.idOf("SimClock"), "simulation");
  }

  @Test
  void hostileNamesAreEscapedInBothFormats() throws IOException {
    String nasty = "a\\\"b<c>|#d&e`f";   // in Java source: a\"b<c>|#d&e`f
    JavaFileObject source =
        source(
            "test.Odd",
            "package test;",
            "import io.steelmill.*;",
            "import java.util.List;",
            "@Daemon final class Odd { Odd(@Named(\"" + nasty + "\") List<String> names) {} }",
            "@Factory interface Weird {",
            "  Odd odd();",
            "  @Provides @Named(\"" + nasty + "\") static List<String> names() { return List.of(); }",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeeded();

    Dot dot = Dot.parse(file(compilation, "SteelmillWeird.dot"));
    String qualifiedList = dot.labels().stream().filter(l -> l.contains("List")).findFirst().get();
    assertThat(qualifiedList).contains("a\\\"b<c>|#d&e`f").contains("List<String>");

    String mermaid = file(compilation, "SteelmillWeird.mmd");
    for (String line : mermaid.split("\n")) {
      Matcher label = Pattern.compile("\"([^\"]*)\"").matcher(line);
      while (label.find()) {
        assertThat(label.group(1).replace("<br/>", "")).doesNotContain("<", ">", "|", "`");
      }
      // every quote on a line opens or closes a label: an even number
      assertThat(line.chars().filter(c -> c == '"').count() % 2).as(line).isZero();
    }
    assertThat(mermaid).contains("#lt;String#gt;").contains("#quot;");
  }

  @Test
  void nestedFactoriesAndRepeatedBuildsGiveTheSameFiles() throws IOException {
    JavaFileObject nested =
        source(
            "test.Outer",
            "package test;",
            "import io.steelmill.*;",
            "final class Outer {",
            "  @Daemon static final class Part {}",
            "  @Factory interface Inner { Part part(); }",
            "}");
    String first = file(compile(nested), "SteelmillOuter_Inner.mmd");
    String second = file(compile(nested), "SteelmillOuter_Inner.mmd");
    assertThat(first).isEqualTo(second).contains("Outer.Inner");
    assertThat(file(compile(PLATFORM, STORE), "SteelmillApp.dot"))
        .isEqualTo(file(compile(PLATFORM, STORE), "SteelmillApp.dot"));
  }

  private static Optional<JavaFileObject> find(Compilation compilation, String name) {
    return compilation.generatedFile(StandardLocation.SOURCE_OUTPUT, "test", name);
  }

  private static String file(Compilation compilation, String name) throws IOException {
    return find(compilation, name)
        .orElseThrow(() -> new AssertionError(name + " was not written"))
        .getCharContent(true)
        .toString();
  }

  /** The nodes, clusters and edges of a DOT file, labels unescaped. */
  private record Dot(
      String header,
      Map<String, String> labelsById,
      Map<String, List<String>> clusters,
      List<String> edgeIds,
      List<String> edges) {
    private static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final Pattern NODE = Pattern.compile("^\\s*(\\w+) \\[label=" + QUOTED);
    private static final Pattern EDGE =
        Pattern.compile("^\\s*(\\w+) -> (\\w+)(?: \\[(?:label=" + QUOTED + ")?(.*)\\])?;$");
    private static final Pattern CLUSTER = Pattern.compile("^\\s*subgraph cluster_(\\w+) \\{$");

    static Dot parse(String text) {
      Map<String, String> labels = new LinkedHashMap<>();
      Map<String, List<String>> clusters = new LinkedHashMap<>();
      List<String> edgeIds = new ArrayList<>();
      List<String> raw = new ArrayList<>();
      String cluster = null;
      for (String line : text.split("\n")) {
        Matcher m;
        if ((m = CLUSTER.matcher(line)).find()) {
          cluster = m.group(1);
          clusters.put(cluster, new ArrayList<>());
        } else if (line.equals("  }")) {
          cluster = null;
        } else if ((m = EDGE.matcher(line)).find()) {
          String label = m.group(3) == null ? "" : unescape(m.group(3));
          String rest = m.group(4) == null ? "" : m.group(4);
          edgeIds.add(m.group(1) + "->" + m.group(2) + ":" + label);
          raw.add(m.group(1) + "|" + m.group(2) + "|" + label + "|" + rest);
        } else if ((m = NODE.matcher(line)).find()) {
          labels.put(m.group(1), unescape(m.group(2)));
          if (cluster != null) {
            clusters.get(cluster).add(unescape(m.group(2)));
          }
        }
      }
      List<String> edges = new ArrayList<>();
      for (String edge : raw) {
        String[] parts = edge.split("\\|", 4);
        edges.add(labels.get(parts[0]) + " -> " + labels.get(parts[1]) + " [" + parts[2] + "]"
            + (parts[3].contains("style=dashed") ? " dashed" : ""));
      }
      return new Dot(text.lines().findFirst().orElse(""), labels, clusters, edgeIds, edges);
    }

    private static String unescape(String text) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\' && i + 1 < text.length()) {
          char next = text.charAt(++i);
          out.append(next == 'n' ? '\n' : next);
        } else {
          out.append(c);
        }
      }
      return entities(out.toString(), "&");
    }

    String label(String id) {
      return labelsById.get(id);
    }

    List<String> labels() {
      return new ArrayList<>(labelsById.values());
    }

    List<String> cluster(String name) {
      return clusters.getOrDefault(name, List.of());
    }

    String idOf(String firstLine) {
      return labelsById.entrySet().stream()
          .filter(e -> e.getValue().split("\n")[0].equals(firstLine))
          .findFirst()
          .orElseThrow()
          .getKey();
    }
  }

  /** The nodes, edges and classes of a Mermaid flowchart, labels decoded. */
  private static final class Mermaid {
    private static final Pattern NODE =
        Pattern.compile("^\\s*(\\w+)(?:\\[\\[|\\(\\[|\\{\\{|\\[/|\\[)\"([^\"]*)\"");
    private static final Pattern EDGE =
        Pattern.compile("^\\s*(\\w+) (?:-->|-\\.->) (?:\\|\"([^\"]*)\"\\| )?(\\w+)$");
    private static final Pattern CLASS = Pattern.compile("^\\s*class (\\w+) (\\w+)$");

    final String text;
    final Map<String, String> labels = new LinkedHashMap<>();
    final List<String> edges = new ArrayList<>();
    final Map<String, String> classes = new LinkedHashMap<>();

    private Mermaid(String text) {
      this.text = text;
    }

    static Mermaid parse(String text) {
      Mermaid mermaid = new Mermaid(text);
      for (String line : text.split("\n")) {
        Matcher m;
        if ((m = EDGE.matcher(line)).find()) {
          String label = m.group(2) == null ? "" : decode(m.group(2));
          mermaid.edges.add(m.group(1) + "->" + m.group(3) + ":" + label);
        } else if ((m = CLASS.matcher(line)).find()) {
          mermaid.classes.put(m.group(1), m.group(2));
        } else if (!line.trim().startsWith("subgraph") && (m = NODE.matcher(line)).find()) {
          mermaid.labels.put(m.group(1), decode(m.group(2).replace("<br/>", "\n")));
        }
      }
      return mermaid;
    }

    private static String decode(String text) {
      return entities(text, "#");
    }
  }

  /** Decodes {@code <lead>quot;} and the like, and {@code <lead>[#]digits;}, in one pass. */
  private static String entities(String text, String lead) {
    return Pattern.compile(Pattern.quote(lead) + "(?:(quot|lt|gt|amp)|#?(\\d+));").matcher(text)
        .replaceAll(m -> Matcher.quoteReplacement(m.group(2) != null
            ? Character.toString(Integer.parseInt(m.group(2)))
            : switch (m.group(1)) {
              case "quot" -> "\"";
              case "lt" -> "<";
              case "gt" -> ">";
              default -> "&";
            }));
  }
}
