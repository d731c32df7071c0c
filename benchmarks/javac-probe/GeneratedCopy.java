import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * The floor under any source-generating processor: in round 1 it writes, through the filer, the
 * {@code .java} files found under {@code -AgeneratedCopy.from=DIR} (a Steelmill compile's
 * generated sources, package folders included) and asks nothing of javac's model. A compile with
 * it costs what javac's round protocol and the generated code cost, without any processor's own
 * work (BENCHMARKS.md, "javac with the processor, sixth pass"). Used by {@code javac-probe.sh}.
 */
public final class GeneratedCopy extends AbstractProcessor {
  private boolean written;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("io.steelmill.Factory");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of("generatedCopy.from");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment environment) {
    if (written) {
      return false;
    }
    written = true;
    Path from = Path.of(processingEnv.getOptions().get("generatedCopy.from"));
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String name = from.relativize(file).toString().replace(".java", "");
        try (Writer writer =
            processingEnv.getFiler().createSourceFile(name.replace(file.getFileSystem()
                .getSeparator(), ".")).openWriter()) {
          writer.write(Files.readString(file));
        }
      }
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
    return false;
  }
}
