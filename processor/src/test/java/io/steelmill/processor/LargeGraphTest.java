package io.steelmill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.steelmill.processor.Compiler.compile;
import static io.steelmill.processor.Compiler.source;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A factory of 1,200 daemons compiles: no generated method grows with the graph past the JVM's
 * 64 KB limit (the inject dispatch is chunked), in either mode.
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
  void aThousandDaemonsCompileInBothModes() {
    for (List<String> options : List.of(List.<String>of(), List.of("-Asteelmill.mode=simulation"))) {
      Compilation compilation = compile(options, sources());
      assertThat(compilation).succeededWithoutWarnings();
    }
  }
}
