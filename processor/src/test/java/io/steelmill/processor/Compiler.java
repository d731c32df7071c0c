package io.steelmill.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Compiles test sources with the Steelmill processor. */
final class Compiler {
  private Compiler() {}

  /** A source file; {@code name} like {@code test.App}. */
  static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines(name, lines);
  }

  /** Both processors, as {@code META-INF/services} lists them for javac. */
  static Compilation compile(List<String> options, JavaFileObject... sources) {
    return compile(
        new Processor[] {new SteelmillProcessor(), new SteelmillOptionsProcessor()},
        options, sources);
  }

  static Compilation compile(
      Processor[] processors, List<String> options, JavaFileObject... sources) {
    List<String> all = new ArrayList<>(options);
    all.add("-Xlint:-processing");
    return javac().withProcessors(processors).withOptions(all).compile(sources);
  }

  static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(), sources);
  }
}
