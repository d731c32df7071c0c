package io.steelmill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.steelmill.processor.Compiler.compile;
import static io.steelmill.processor.Compiler.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A factory of 1,200 daemons compiles in either mode, and no generated method grows with the
 * graph: each stays far below HotSpot's 8,000-byte limit for JIT compilation (the construct
 * dispatch is split into chunks), and the generated source stays compact.
 */
class LargeGraphTest {
  private static final int SIZE = 1_200;

  private static JavaFileObject[] sources() {
    List<JavaFileObject> files = new ArrayList<>();
    StringBuilder factory = new StringBuilder("package big;\n@io.steelmill.Factory\npublic interface Big {\n");
    for (int i = 0; i < SIZE; i++) {
      String params = i == 0 ? "" : "D" + (i - 1) + " previous" + (i % 7 == 0 && i > 7 ? ", D" + (i - 7) + " older" : "");
      files.add(source("big.D" + i, "package big;", "@io.steelmill.Daemon",
          "public final class D" + i + " {", "  D" + i + "(" + params + ") {}", "}"));
      factory.append("  D").append(i).append(" d").append(i).append("();\n");
    }
    files.add(source("big.Big", factory.append("}\n").toString()));
    return files.toArray(JavaFileObject[]::new);
  }

  @Test
  void aThousandDaemonsCompileInBothModes() throws IOException {
    for (List<String> options : List.of(List.<String>of(), List.of("-Asteelmill.mode=simulation"))) {
      Compilation compilation = compile(options, sources());
      assertThat(compilation).succeededWithoutWarnings();
      assertCompact(compilation, options);
    }
  }

  private static void assertCompact(Compilation compilation, List<String> options)
      throws IOException {
    Map<String, byte[]> classes = ClassFiles.of(compilation);
    for (String name : List.of("big.SteelmillBig", "big.SteelmillBig$Ambient")) {
      Map<String, Integer> lengths = ClassFiles.methodCodeLengths(classes.get(name));
      org.assertj.core.api.Assertions.assertThat(lengths)
          .as("%s %s: bytecode length per method", options, name)
          .isNotEmpty()
          .allSatisfy((method, length) ->
              org.assertj.core.api.Assertions.assertThat(length).as(method).isLessThan(4_000));
    }
    String source =
        compilation.generatedSourceFile("big.SteelmillBig").orElseThrow()
            .getCharContent(true).toString();
    org.assertj.core.api.Assertions.assertThat(largestCaseSwitch(source))
        .as("%s: cases of the largest switch over ids (10 or more: a jump table, BENCHMARKS.md"
            + " \"seventh pass\")", options)
        .isBetween(2, 9);
    long lines = source.lines().count();
    org.assertj.core.api.Assertions.assertThat((double) lines / SIZE)
        .as("generated lines per binding (%d lines)", lines)
        .isLessThanOrEqualTo(12.0);
  }

  /** The most {@code case} lines any {@code switch (id)} of {@code source} has. */
  private static int largestCaseSwitch(String source) {
    List<String> lines = source.lines().toList();
    int largest = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.endsWith("switch (id) {")) {
        continue;
      }
      String indent = line.substring(0, line.indexOf('s'));
      int cases = 0;
      for (int j = i + 1; j < lines.size() && !lines.get(j).equals(indent + "}"); j++) {
        cases += lines.get(j).startsWith(indent + "  case ") ? 1 : 0;
      }
      largest = Math.max(largest, cases);
    }
    return largest;
  }
}
