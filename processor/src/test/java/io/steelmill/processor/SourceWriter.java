package io.steelmill.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Another annotation processor, for tests: in its first round it writes one source file, before
 * Steelmill runs: a class taking a name Steelmill wants to generate, or part of a graph that
 * appears only in the second round.
 */
final class SourceWriter extends AbstractProcessor {
  private final String qualifiedName;
  private final String text;
  private boolean done;

  /** Writes an empty public class named {@code qualifiedName}. */
  SourceWriter(String qualifiedName) {
    this(qualifiedName, null);
  }

  /** Writes {@code text} (a whole compilation unit) as the source of {@code qualifiedName}. */
  SourceWriter(String qualifiedName, String text) {
    this.qualifiedName = qualifiedName;
    this.text = text;
  }

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
      int dot = qualifiedName.lastIndexOf('.');
      try (Writer out = processingEnv.getFiler().createSourceFile(qualifiedName).openWriter()) {
        out.write(
            text != null
                ? text
                : "package " + qualifiedName.substring(0, dot) + ";\npublic final class "
                    + qualifiedName.substring(dot + 1) + " {}\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
  }
}
