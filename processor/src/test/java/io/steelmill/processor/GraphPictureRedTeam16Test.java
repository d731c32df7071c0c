package io.steelmill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.steelmill.processor.Compiler.compile;
import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The red team of 2026-12-01 against issue 16's graph pictures. Each file is read back the way
 * its renderer reads it (Graphviz: the DOT lexer, then escString, then HTML entities; Mermaid:
 * directives found anywhere, then its quoted-label and entity rules), and every label must decode
 * to exactly the text the processor meant: nothing a user writes (a qualifier, a class name in
 * any script, a generic key) may become syntax, a directive, HTML, an entity, a substitution
 * ({@code \N}), a line break or a bidi override. Both files are pure ASCII, so a build's
 * {@code -encoding} cannot garble them. Where Graphviz's {@code dot} is installed, it also draws
 * the file and its SVG text must equal the decoded labels.
 */
class GraphPictureRedTeam16Test {
  /** Qualifier strings, as Java source spells them. */
  private static final List<String> HOSTILE = List.of(
      "%%{init: {\\\"theme\\\": \\\"forest\\\"}}%%",
      "a&amp;b &#233; &lt; &",
      "<br> <br/> <b>bold</b><script>alert(1)</script>",
      "x --> y -.-> z ==> w --- v",
      "\\\"; digraph x { a -> b } // ",
      "back\\\\slash\\\\",
      "\\\\N \\\\G \\\\E \\\\L \\\\T \\\\H \\\\l",
      "#quot; #35; #lt; #9829;",
      "${x} $$ |pipe| `tick` ~!@^*()_+=[]{}:;,.?/",
      "subgraph end\\nend\\nclassDef x fill:#f00",
      "/* comment */ // x",
      "tab\\there\\r\\nnewline\\u0000nul",
      "caf\\u00e9 \\ud83e\\udd80 \\u202e rlo \\ud800 lone");

  private static final String CLASSES = String.join("\n",
      "package test;",
      "import io.steelmill.*;",
      "import java.util.*;",
      "@Daemon final class Caf\u00e9 {}",
      "@Daemon final class A\u202eB {}", // a bidi override is a legal (ignorable) identifier part
      "@Daemon final class \ud835\udcb3 {}", // a letter outside the BMP
      "final class Outer { @Daemon static final class In$ner {} }",
      "");

  private static String file(Compilation compilation, String name) throws IOException {
    return compilation.generatedFile(StandardLocation.SOURCE_OUTPUT, "test", name)
        .orElseThrow(() -> new AssertionError(name + " was not written"))
        .getCharContent(true).toString();
  }

  private static Compilation hostile(String factory) {
    StringBuilder text = new StringBuilder(CLASSES);
    text.append("@Daemon final class User { User(");
    for (int i = 0; i < HOSTILE.size(); i++) {
      text.append("@Named(\"").append(HOSTILE.get(i)).append("\") String s").append(i).append(", ");
    }
    text.append("Caf\u00e9 c, A\u202eB a, \ud835\udcb3 x, Outer.In$ner n, "
        + "Map<String, List<Number>> m) {} }\n");
    text.append("@Factory interface ").append(factory).append(" {\n  User user();\n");
    text.append("  Caf\u00e9 caf\u00e9\u202e();\n");
    for (int i = 0; i < HOSTILE.size(); i++) {
      text.append("  @Provides @Named(\"").append(HOSTILE.get(i))
          .append("\") static String p").append(i).append("() { return \"\"; }\n");
    }
    text.append("  @Provides static Map<String, List<Number>> m() { return null; }\n}\n");
    Compilation compilation = compile(source("test." + factory, text.toString().split("\n")));
    assertThat(compilation).succeeded();
    return compilation;
  }

  @Test
  void everyLabelDecodesToWhatTheProcessorMeantInBothFormats() throws IOException {
    Compilation compilation = hostile("Hostile");
    String dot = file(compilation, "SteelmillHostile.dot");
    String mermaid = file(compilation, "SteelmillHostile.mmd");
    Map<String, String> dotLabels = Dot.labels(dot);
    Map<String, String> mermaidLabels = Mermaid.labels(mermaid);

    // the same picture in both: every node's label decodes to the same text
    assertThat(mermaidLabels).isEqualTo(dotLabels);
    List<String> firstLines = dotLabels.values().stream().map(l -> l.split("\n")[0]).toList();
    assertThat(firstLines).contains(
        // javac drops an ignorable character from a name; one past U+FFFF reads as Java writes it
        "Caf\u00e9", "AB", "\\uD835\\uDCB3", "Outer.In$ner", "Map<String,List<Number>>",
        "@Named(\"%%{init: {\\\"theme\\\": \\\"forest\\\"}}%%\") String",
        "@Named(\"a&amp;b &#233; &lt; &\") String",
        "@Named(\"<br> <br/> <b>bold</b><script>alert(1)</script>\") String",
        "@Named(\"x --> y -.-> z ==> w --- v\") String",
        "@Named(\"back\\\\slash\\\\\") String",
        "@Named(\"\\\\N \\\\G \\\\E \\\\L \\\\T \\\\H \\\\l\") String",
        "@Named(\"#quot; #35; #lt; #9829;\") String");
    // javac drops the bidi override from the entry point's name, too
    assertThat(Dot.edgeLabels(dot)).contains("caf\u00e9()", "user()");
  }

  /** The Filer writes with the build's -encoding: pure ASCII files survive any of them. */
  @Test
  void bothFilesArePureAsciiUnderALegacyEncoding() throws IOException {
    Compilation compilation = compile(List.of("-encoding", "ISO-8859-1"),
        source("test.Plain", "package test;", "import io.steelmill.*;",
            "@Daemon final class Plain {}", "@Factory interface Latin { Plain plain(); }"));
    assertThat(compilation).succeeded();
    Compilation hostile = hostile("Wide");
    for (String text : List.of(file(compilation, "SteelmillLatin.dot"),
        file(hostile, "SteelmillWide.dot"), file(hostile, "SteelmillWide.mmd"))) {
      assertThat(text.chars().filter(c -> c > 0x7e || c < 0x20 && c != '\n')).isEmpty();
    }
  }

  @Test
  void graphvizDrawsTheLabelsWeMeant(@TempDir Path dir) throws Exception {
    Compilation compilation = hostile("Drawn");
    String dot = file(compilation, "SteelmillDrawn.dot");
    Path source = Files.writeString(dir.resolve("g.dot"), dot, StandardCharsets.US_ASCII);
    Map<String, String> drawn = Dot.graphviz(source, dir.resolve("g.svg"));
    if (drawn == null) {
      return; // no Graphviz here: the strict reader above stands in for it
    }
    assertThat(drawn).isEqualTo(Dot.labels(dot));
  }

  /** A factory in the unnamed package, whose parent is named in another script. */
  @Test
  void theUnnamedPackageAndAParentInAnotherScriptDrawValidly() throws IOException {
    Compilation compilation = compile(source("P\u00e4rent",
        "import io.steelmill.*;",
        "@Ambient @Daemon final class Sh\u00e4red {}",
        "@Daemon final class Own { Own(Sh\u00e4red shared) {} }",
        "@Factory interface P\u00e4rent { Sh\u00e4red shared(); }",
        "@Factory(parent = P\u00e4rent.class) interface Ch\u00efld { Own own(); }"));
    assertThat(compilation).succeeded();
    for (String factory : List.of("P\u00e4rent", "Ch\u00efld")) {
      String dot = compilation.generatedFile(StandardLocation.SOURCE_OUTPUT, "",
          "Steelmill" + factory + ".dot").orElseThrow().getCharContent(true).toString();
      String mermaid = compilation.generatedFile(StandardLocation.SOURCE_OUTPUT, "",
          "Steelmill" + factory + ".mmd").orElseThrow().getCharContent(true).toString();
      assertThat(Mermaid.labels(mermaid)).isEqualTo(Dot.labels(dot))
          .containsValue(factory + "\n@Factory");
      assertThat(dot.lines().findFirst().orElseThrow()).contains(
          factory.replace("\u00e4", "\\u00E4").replace("\u00ef", "\\u00EF"));
    }
    String child = compilation.generatedFile(StandardLocation.SOURCE_OUTPUT, "",
        "SteelmillCh\u00efld.dot").orElseThrow().getCharContent(true).toString();
    assertThat(child).contains("label=\"parent: P&#228;rent\"");
  }

  /** A graph past Mermaid's default limits stays valid, complete and says why it won't draw. */
  @Test
  void aVeryLargeGraphStaysValidAndSaysWhyMermaidWillNotDrawIt() throws IOException {
    int size = 700;
    StringBuilder text = new StringBuilder("package test;\nimport io.steelmill.*;\n");
    for (int i = 0; i < size; i++) {
      text.append("@Daemon final class D").append(i).append(" { D").append(i).append("(");
      for (int d = 1; d <= 3 && i - d * 7 >= 0; d++) {
        text.append(d == 1 ? "" : ", ").append("D").append(i - d * 7).append(" d").append(d);
      }
      text.append(") {} }\n");
    }
    text.append("@Factory interface Big {");
    for (int i = size - 7; i < size; i++) {
      text.append(" D").append(i).append(" d").append(i).append("();");
    }
    text.append(" }\n");
    Compilation compilation = compile(source("test.Big", text.toString().split("\n")));
    assertThat(compilation).succeeded();
    String dot = file(compilation, "SteelmillBig.dot");
    String mermaid = file(compilation, "SteelmillBig.mmd");
    assertThat(Mermaid.labels(mermaid)).isEqualTo(Dot.labels(dot)).hasSize(size + 1);
    assertThat(mermaid.lines().filter(l -> l.contains(" --> ")).count()).isGreaterThan(1500);
    assertThat(mermaid.lines().skip(1).findFirst().orElseThrow())
        .startsWith("%% ").contains("maxEdges 500", "maxTextSize 50000", ".dot");
    // a small graph carries no such notice
    String small = file(hostile("Small"), "SteelmillSmall.mmd");
    assertThat(small).doesNotContain("maxEdges");
  }

  /** Reads DOT as Graphviz does: its lexer, then the escString and HTML-entity layers. */
  static final class Dot {
    private static final Pattern TOKEN = Pattern.compile(
        "\\s+|//[^\n]*|\"((?:[^\"\\\\\n]|\\\\[^\n])*)\"|[A-Za-z_][A-Za-z_0-9]*|-?\\d+(\\.\\d+)?|->"
            + "|[{}\\[\\];,=]|(.)");

    /** Every quoted string after {@code label=}, in order, with the statement's first id. */
    private static List<String[]> labelTokens(String text) {
      assertThat(text).endsWith("}\n");
      Matcher m = TOKEN.matcher(text);
      List<String> tokens = new ArrayList<>();
      int depth = 0;
      while (m.find()) {
        if (m.group(3) != null) {
          fail("DOT: stray character %s at %d", m.group(3), m.start());
        }
        String t = m.group();
        if (t.isBlank() || t.startsWith("//")) {
          assertThat(t.startsWith("//") && m.start() > 0 && text.charAt(m.start() - 1) != '\n')
              .as("a comment only on a line of its own").isFalse();
          continue;
        }
        depth += t.equals("{") ? 1 : t.equals("}") ? -1 : 0;
        assertThat(depth).as("DOT braces").isNotNegative();
        tokens.add(t);
      }
      assertThat(m.hitEnd()).isTrue();
      assertThat(depth).isZero();
      assertThat(tokens.subList(0, 1)).containsExactly("digraph");
      List<String[]> labels = new ArrayList<>();
      String statement = null;
      for (int i = 0; i < tokens.size(); i++) {
        String t = tokens.get(i);
        if (i > 0 && List.of(";", "{", "}").contains(tokens.get(i - 1))) {
          statement = i + 1 < tokens.size() && tokens.get(i + 1).equals("->") ? "edge" : t;
        }
        if (t.equals("label") && tokens.get(i + 1).equals("=")) {
          String value = tokens.get(i + 2);
          assertThat(value).as("a label is quoted").startsWith("\"");
          labels.add(new String[] {statement, decode(value.substring(1, value.length() - 1))});
        }
      }
      return labels;
    }

    /** Node id to its label, as Graphviz would draw it. */
    static Map<String, String> labels(String text) {
      Map<String, String> out = new LinkedHashMap<>();
      for (String[] label : labelTokens(text)) {
        if (label[0].matches("n\\d+|factory")) {
          assertThat(out.put(label[0], label[1])).as("one label per node").isNull();
        }
      }
      return out;
    }

    static List<String> edgeLabels(String text) {
      return labelTokens(text).stream().filter(l -> l[0].equals("edge")).map(l -> l[1]).toList();
    }

    /** The string layer, then escString (no substitution may be left), then entities. */
    static String decode(String quoted) {
      StringBuilder esc = new StringBuilder();
      for (int i = 0; i < quoted.length(); i++) {
        char c = quoted.charAt(i);
        if (c < 0x20 || c > 0x7e) {
          fail("DOT: a character outside printable ASCII in %s", quoted);
        }
        if (c != '\\') {
          esc.append(c);
          continue;
        }
        char next = quoted.charAt(++i);
        switch (next) {
          case '"', '\\' -> esc.append(next);
          case 'n' -> esc.append('\n');
          default -> fail("DOT: \\%s would be a substitution or a left-justified line in %s",
              next, quoted);
        }
      }
      return entities(esc.toString(), '&', "amp|lt|gt|quot", "DOT");
    }

    /** Draws the file; the SVG's text lines per node, or null when dot is not installed. */
    static Map<String, String> graphviz(Path source, Path svg) throws Exception {
      Process process;
      try {
        process = new ProcessBuilder("dot", "-Tsvg", "-o", svg.toString(), source.toString())
            .redirectErrorStream(true).start();
      } catch (IOException notInstalled) {
        return null;
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(output).as("dot's warnings").isEmpty();
      assertThat(process.exitValue()).isZero();
      String text = Files.readString(svg);
      Map<String, String> out = new LinkedHashMap<>();
      Matcher node = Pattern.compile("<g id=\"node\\d+\" class=\"node\">\\s*<title>([^<]*)</title>"
          + "(.*?)</g>", Pattern.DOTALL).matcher(text);
      while (node.find()) {
        List<String> lines = new ArrayList<>();
        Matcher line = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(node.group(2));
        while (line.find()) {
          lines.add(xml(line.group(1)));
        }
        out.put(node.group(1), String.join("\n", lines));
      }
      return out;
    }

    private static String xml(String text) {
      return entities(text.replace("&#45;", "-"), '&', "amp|lt|gt|quot|apos", "SVG");
    }
  }

  /** Reads Mermaid as it does: directives anywhere, quoted labels, entity codes, line breaks. */
  static final class Mermaid {
    private static final String QUOTED = "\"([^\"]*)\"";
    private static final Pattern NODE = Pattern.compile(" {2,4}(\\w+)(?:\\[\\[|\\(\\[|\\{\\{|\\[/"
        + "|\\[)" + QUOTED + "(?:\\]\\]|\\]\\)|\\}\\}|/\\]|\\])");
    private static final List<Pattern> OTHER = List.of(
        Pattern.compile("%% The Steelmill graph of [\\w.$\\\\]+, both modes\\. Generated\\."),
        Pattern.compile("%% \\d+ edges, \\d+ characters: over Mermaid's default limits .*"),
        Pattern.compile("flowchart LR"), Pattern.compile("  subgraph \\w+\\[" + QUOTED + "\\]"),
        Pattern.compile("  end"),
        Pattern.compile("  \\w+ (-->|-\\.->) (\\|" + QUOTED + "\\| )?\\w+"),
        Pattern.compile("  classDef (production|simulation) [\\w:#,. -]+"),
        Pattern.compile("  class \\w+ (production|simulation)"));

    static Map<String, String> labels(String text) {
      assertThat(text).endsWith("\n");
      assertThat(text).as("a directive, found anywhere").doesNotContain("%%{");
      Map<String, String> out = new LinkedHashMap<>();
      for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
        assertThat(line.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)).as(line).isTrue();
        assertThat(line.indexOf("%%") <= 0).as("%% only opens a comment line: " + line).isTrue();
        Matcher node = NODE.matcher(line);
        if (node.matches()) {
          assertThat(out.put(node.group(1), decode(node.group(2)))).isNull();
          continue;
        }
        Matcher other = null;
        for (Pattern p : OTHER) {
          Matcher m = p.matcher(line);
          if (m.matches()) {
            other = m;
          }
        }
        assertThat(other).as("Mermaid line %s", line).isNotNull();
        for (int g = 1; g <= other.groupCount(); g++) {
          if (other.group(g) != null && other.group(g).startsWith("|")) {
            decode(other.group(g).substring(2, other.group(g).length() - 3));
          }
        }
      }
      return out;
    }

    /** Inside quotes: no markdown, HTML, bare '#', '%', '|' or '&'; then entity codes. */
    static String decode(String label) {
      String text = label.replace("<br/>", "\n");
      for (char c : "<>`%|&".toCharArray()) {
        assertThat(text.indexOf(c)).as("'%s' raw in a label: %s", c, label).isNegative();
      }
      return entities(text, '#', "quot|lt|gt|amp", "Mermaid");
    }
  }

  /** Decodes {@code <lead>name;} and {@code <lead>digits;}; any other lead character fails. */
  private static String entities(String text, char lead, String names, String format) {
    Pattern entity = Pattern.compile(Pattern.quote(String.valueOf(lead)) + "(?:(" + names
        + ")|#?(\\d+)|#x([0-9a-fA-F]+));");
    StringBuilder out = new StringBuilder();
    int at = 0;
    Matcher m = entity.matcher(text);
    while (true) {
      int next = text.indexOf(lead, at);
      if (next < 0) {
        return out.append(text, at, text.length()).toString();
      }
      out.append(text, at, next);
      if (!m.find(next) || m.start() != next) {
        fail("%s: a bare '%s' that is no entity in %s", format, lead, text);
      }
      if (m.group(1) != null) {
        out.append(switch (m.group(1)) {
          case "quot" -> '"';
          case "lt" -> '<';
          case "gt" -> '>';
          case "apos" -> '\'';
          default -> '&';
        });
      } else {
        out.appendCodePoint(m.group(2) != null ? Integer.parseInt(m.group(2))
            : Integer.parseInt(m.group(3), 16));
      }
      at = m.end();
    }
  }
}
