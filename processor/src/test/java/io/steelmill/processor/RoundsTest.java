package io.steelmill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.steelmill.processor.Compiler.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/** A factory whose daemon another processor generates in a later round is deferred, not failed. */
class RoundsTest {

  /** Generates {@code test.Journal}, a {@code @Daemon}, in the first round it runs. */
  static final class JournalGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer out = processingEnv.getFiler().createSourceFile("test.Journal").openWriter()) {
          out.write("package test;\n@io.steelmill.Daemon public final class Journal {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void waitsForTypesFromOtherProcessors() {
    Compilation compilation =
        javac()
            .withProcessors(new JournalGenerator(), new SteelmillProcessor())
            .compile(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon final class Store { Store(Journal journal) {} }",
                    "@Factory interface App { Store store(); }"));

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("test.SteelmillApp").contentsAsUtf8String()
        .contains("new Store((Journal) built[");
  }
}
