package io.steelmill.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The processor's layering, read from its sources' imports: the model knows neither JavaPoet nor
 * validation nor writing; validation does not write; writing does not validate nor report; no
 * package imports the runtime (the processor names runtime types only as strings).
 */
class LayeringTest {
  private static final Path SOURCES = Path.of("src/main/java/io/steelmill/processor");

  private static List<String> violations(String layer, String... forbidden) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES.resolve(layer))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(file)) {
          for (String prefix : forbidden) {
            if (line.startsWith("import " + prefix) || line.startsWith("import static " + prefix)) {
              found.add(file.getFileName() + ": " + line);
            }
          }
        }
      }
    }
    return found;
  }

  @Test
  void modelKnowsNoJavaPoetNoValidationNoWriting() throws IOException {
    assertThat(violations("model", "com.palantir.javapoet", "io.steelmill.processor.validation",
        "io.steelmill.processor.writing", "javax.annotation.processing.Messager")).isEmpty();
  }

  @Test
  void validationDoesNotWrite() throws IOException {
    assertThat(violations("validation", "com.palantir.javapoet", "io.steelmill.processor.writing"))
        .isEmpty();
  }

  @Test
  void writingNeitherValidatesNorReports() throws IOException {
    assertThat(violations("writing", "io.steelmill.processor.validation",
        "io.steelmill.processor.diagnostics", "javax.annotation.processing.Messager")).isEmpty();
  }

  @Test
  void nothingImportsTheRuntime() throws IOException {
    assertThat(violations("", "io.steelmill.runtime", "io.steelmill.sim", "io.steelmill.platform"))
        .isEmpty();
  }
}
