package io.steelmill.testing;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The {@code @TempDir} directories of a rerun ({@link FreshInstance}): each field or method
 * parameter gets a new, empty directory, as JUnit gives every invocation, and it is deleted
 * after the rerun as JUnit deletes its own. Handing the rerun the first run's directory made it
 * start from that run's files: a test creating a fixed file name failed the determinism check
 * with {@code FileAlreadyExistsException}. The directory is made by the annotation's own {@code
 * factory} when it names one, else by the one {@code junit.jupiter.tempdir.factory.default} names,
 * else by JUnit's standard factory; its {@code cleanup} mode is
 * honoured ({@code DEFAULT} reads {@code junit.jupiter.tempdir.cleanup.mode.default}, else
 * {@code ALWAYS}).
 */
final class FreshTempDirs {
  private record Made(Path path, CleanupMode mode, TempDirFactory factory) {}

  private final ExtensionContext context;
  private final List<Made> made = new ArrayList<>();

  FreshTempDirs(ExtensionContext context) {
    this.context = context;
  }

  /** The {@code @TempDir} annotation of {@code element} when it holds a Path or a File. */
  static Optional<TempDir> of(AnnotatedElement element, Class<?> type) {
    return type == Path.class || type == File.class
        ? AnnotationSupport.findAnnotation(element, TempDir.class) : Optional.empty();
  }

  /** A new directory for {@code element}, as a {@code type} (Path or File). */
  Object make(AnnotatedElement element, TempDir temp, Class<?> type) throws Exception {
    TempDirFactory factory = temp.factory() == TempDirFactory.class ? defaultFactory()
        : ReflectionSupport.newInstance(temp.factory());
    Path path;
    try {
      path = factory.createTempDirectory(() -> element, context);
    } catch (Exception | Error e) {
      factory.close();
      throw e;
    }
    made.add(new Made(path, mode(temp), factory));
    return type == File.class ? path.toFile() : path;
  }

  /**
   * The factory {@code junit.jupiter.tempdir.factory.default} names, as JUnit makes its own
   * directories with; JUnit's standard one when none is named or the class cannot be made (JUnit
   * then falls back to it too, with a warning). The rerun got the standard factory's directory
   * where the first run had the configured one's (another file system, another place).
   */
  private TempDirFactory defaultFactory() {
    Optional<String> name = context.getConfigurationParameter(
        TempDir.DEFAULT_FACTORY_PROPERTY_NAME).map(String::trim).filter(n -> !n.isEmpty());
    if (name.isEmpty()) {
      return TempDirFactory.Standard.INSTANCE;
    }
    try {
      return ReflectionSupport.tryToLoadClass(name.get()).toOptional()
          .filter(TempDirFactory.class::isAssignableFrom)
          .map(type -> (TempDirFactory) ReflectionSupport.newInstance(type))
          .orElse(TempDirFactory.Standard.INSTANCE);
    } catch (RuntimeException e) {
      return TempDirFactory.Standard.INSTANCE;
    }
  }

  private CleanupMode mode(TempDir temp) {
    if (temp.cleanup() != CleanupMode.DEFAULT) {
      return temp.cleanup();
    }
    try {
      return context.getConfigurationParameter(TempDir.DEFAULT_CLEANUP_MODE_PROPERTY_NAME)
          .map(v -> CleanupMode.valueOf(v.trim().toUpperCase(Locale.ROOT)))
          .filter(m -> m != CleanupMode.DEFAULT).orElse(CleanupMode.ALWAYS);
    } catch (IllegalArgumentException e) {
      return CleanupMode.ALWAYS; // JUnit too falls back on its default for a value it cannot read
    }
  }

  /**
   * Deletes the directories their cleanup mode lets go ({@code ON_SUCCESS} only when the rerun
   * {@code succeeded}), every one attempted; the first failure is thrown, the others suppressed.
   */
  void delete(boolean succeeded) throws IOException {
    IOException failure = null;
    for (Made dir : made) {
      try {
        try {
          if (dir.mode() == CleanupMode.ALWAYS
              || (dir.mode() == CleanupMode.ON_SUCCESS && succeeded)) {
            deleteTree(dir.path());
          }
        } finally {
          dir.factory().close(); // closed even when the delete failed
        }
      } catch (IOException e) {
        if (failure == null) {
          failure = new IOException("cannot delete the rerun's @TempDir " + dir.path(), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    made.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /** Deletes {@code root} and what it holds; symbolic links are deleted, never followed. */
  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> walk = Files.walk(root)) {
      all = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : all) {
      Files.deleteIfExists(path);
    }
  }
}
