import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * What javac's round protocol alone costs a processor: it claims every annotation ({@code *}, so
 * javac runs it on the hand-written sources too) and writes one one-line class in round 1, or
 * nothing with {@code -AoneClassWriter.none}. Compiled beside the hand-written wiring by {@code
 * javac-probe.sh} (BENCHMARKS.md, "Targets of issue 12 on an idle machine (2026-11-30
 * 17:06-17:22)").
 */
public final class OneClassWriter extends AbstractProcessor {
  private boolean written;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of("oneClassWriter.none");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment environment) {
    if (written || processingEnv.getOptions().containsKey("oneClassWriter.none")) {
      return false;
    }
    written = true;
    try (Writer writer = processingEnv.getFiler().createSourceFile("probe.OneClass").openWriter()) {
      writer.write("package probe;\n\npublic final class OneClass {}\n");
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
    return false;
  }
}
