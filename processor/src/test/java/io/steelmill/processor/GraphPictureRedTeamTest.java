package io.steelmill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.steelmill.processor.Compiler.compile;
import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The red team of 2026-11-30 (night) against issue 16's graph pictures: odd graphs (no entry
 * point, a cycle through a Provider, a long chain, names in any script) and qualifiers that try
 * to end a label, start a comment or a subgraph, or carry control characters. Every line of both
 * files must be one statement of its format's grammar, so nothing a user writes becomes syntax.
 */
class GraphPictureRedTeamTest {
  private static final String QUOTED = "\"(?:[^\"\\\\\\p{Cntrl}]|\\\\.)*\"";
  private static final List<Pattern> DOT = List.of(
      Pattern.compile("// The Steelmill graph of [\\w.$\\p{L}]+, both modes\\. Generated; .*"),
      Pattern.compile("digraph " + QUOTED + " \\{"),
      Pattern.compile("  rankdir=LR;"), Pattern.compile("  (graph|node|edge) \\[.*\\];"),
      Pattern.compile("  subgraph cluster_\\w+ \\{"), Pattern.compile("    label=" + QUOTED + ";"),
      Pattern.compile("    style=dashed;"), Pattern.compile("  }"), Pattern.compile("}"),
      Pattern.compile(" {2,4}\\w+ \\[label=" + QUOTED + ", shape=[a-z]+(, [a-z]+=(\\w+|"
          + QUOTED + "))*\\];"),
      Pattern.compile("  \\w+ -> \\w+( \\[(label=" + QUOTED + ")?(, )?(style=dashed)?(, )?"
          + "(color=\"#\\w+\", fontcolor=\"#\\w+\")?\\])?;"));
  private static final String MQUOTED = "\"[^\"\\p{Cntrl}]*\"";
  private static final List<Pattern> MERMAID = List.of(
      Pattern.compile("%% The Steelmill graph of [\\w.$\\p{L}]+, both modes\\. Generated\\."),
      Pattern.compile("flowchart LR"), Pattern.compile("  subgraph \\w+\\[" + MQUOTED + "\\]"),
      Pattern.compile("  end"),
      Pattern.compile(" {2,4}\\w+(\\[\\[|\\(\\[|\\{\\{|\\[/|\\[)" + MQUOTED
          + "(\\]\\]|\\]\\)|\\}\\}|/\\]|\\])"),
      Pattern.compile("  \\w+ (-->|-\\.->) (\\|" + MQUOTED + "\\| )?\\w+"),
      Pattern.compile("  classDef (production|simulation) [\\w:#,. -]+"),
      Pattern.compile("  class \\w+ (production|simulation)"));

  private static String file(Compilation compilation, String name) throws IOException {
    return compilation.generatedFile(StandardLocation.SOURCE_OUTPUT, "test", name)
        .orElseThrow(() -> new AssertionError(name + " was not written"))
        .getCharContent(true).toString();
  }

  /** Every line of {@code text} matches one pattern of {@code grammar}. */
  private static void grammatical(String text, List<Pattern> grammar, String what) {
    assertThat(text).as(what).endsWith("\n");
    for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
      assertThat(grammar.stream().anyMatch(p -> p.matcher(line).matches()))
          .as("%s line %s", what, line).isTrue();
    }
  }

  private static void bothGrammatical(Compilation compilation, String factory)
      throws IOException {
    assertThat(compilation).succeeded();
    grammatical(file(compilation, "Steelmill" + factory + ".dot"), DOT, factory + ".dot");
    grammatical(file(compilation, "Steelmill" + factory + ".mmd"), MERMAID, factory + ".mmd");
  }

  @Test
  void oddGraphsDrawGrammatically() throws IOException {
    JavaFileObject odd = source("test.Odd",
        "package test;",
        "import io.steelmill.*;",
        "import io.steelmill.runtime.Provider;",
        "@Factory interface Nothing {}",
        "@Daemon final class Ping { Ping(Provider<Pong> pong) {} }",
        "@Daemon final class Pong { Pong(Ping ping) {} }",
        "@Factory interface Cycle { Ping ping(); Provider<Pong> pong(); }",
        "@Daemon final class Ünïcødé$Näme {}",
        "@Factory interface Scripts { Ünïcødé$Näme thing(); }");
    Compilation compilation = compile(odd);
    bothGrammatical(compilation, "Nothing");
    bothGrammatical(compilation, "Cycle");
    bothGrammatical(compilation, "Scripts");
    assertThat(file(compilation, "SteelmillCycle.mmd")).contains(" -.-> ");
    // pure ASCII whatever the build's -encoding: entities Graphviz decodes
    assertThat(file(compilation, "SteelmillScripts.dot"))
        .contains("&#220;n&#239;c&#248;d&#233;$N&#228;me");
  }

  @Test
  void aLongChainDrawsEveryLink() throws IOException {
    StringBuilder chain = new StringBuilder("package test;\nimport io.steelmill.*;\n");
    int length = 300;
    for (int i = 0; i < length; i++) {
      chain.append("@Daemon final class C").append(i).append(" { C").append(i).append("(")
          .append(i + 1 < length ? "C" + (i + 1) + " next" : "").append(") {} }\n");
    }
    chain.append("@Factory interface Chain { C0 first(); }\n");
    Compilation compilation = compile(source("test.Chain", chain.toString().split("\n")));
    bothGrammatical(compilation, "Chain");
    assertThat(file(compilation, "SteelmillChain.mmd").lines().filter(l -> l.contains(" --> ")))
        .hasSize(length);
  }

  /**
   * Qualifiers that try to end a label, comment out or inject statements ({@code %%}, {@code
   * end}, an edge, a subgraph), or carry control characters (a raw control character reached
   * both files).
   */
  @Test
  void hostileQualifiersStayInsideTheirLabels() throws IOException {
    String[] nasty = {"\\\"];\\n}\\n%% x\\nend\\nn0 --> n1", "\\u0001\\u0007\\u001b[31m",
        "tab\\there\\r\\n", "\\\\l\\\\N\\\\G", "]]} )) {{ /] [/", "\\u2028\\u2029\\u0085"};
    StringBuilder text = new StringBuilder("package test;\nimport io.steelmill.*;\n"
        + "@Daemon final class User { User(");
    for (int i = 0; i < nasty.length; i++) {
      text.append(i == 0 ? "" : ", ").append("@Named(\"").append(nasty[i]).append("\") String s")
          .append(i);
    }
    text.append(") {} }\n@Factory interface Hostile {\n  User user();\n");
    for (int i = 0; i < nasty.length; i++) {
      text.append("  @Provides @Named(\"").append(nasty[i]).append("\") static String p").append(i)
          .append("() { return \"\"; }\n");
    }
    text.append("}\n");
    Compilation compilation = compile(source("test.Hostile", text.toString().split("\n")));
    bothGrammatical(compilation, "Hostile");
    // shown, never obeyed: Mermaid finds %%{ directives anywhere, so '%' is an entity there
    assertThat(file(compilation, "SteelmillHostile.dot")).contains("%% x");
    assertThat(file(compilation, "SteelmillHostile.mmd")).contains("#37;#37; x")
        .doesNotContain("%% x");
    for (String name : List.of("SteelmillHostile.dot", "SteelmillHostile.mmd")) {
      assertThat(file(compilation, name)).as(name).contains("n0 --")
          .doesNotContain("\u0001", "\u001b", "\u2028");
    }
  }
}
