package io.steelmill.examples;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;

/** Removing the temporary folders a run made (its replicas', its embedded ZooKeeper's). */
public final class Folders {
  private Folders() {}

  /**
   * Deletes {@code root} and everything under it, without following links; nothing if it is gone.
   * Whatever disappears meanwhile is skipped, not an error: on a signal the shutdown hook and the
   * run's own clean-up may remove the same folder at once, and a walk over a folder being removed
   * met files and folders that were gone by the time it reached them.
   */
  public static void deleteTree(Path root) throws IOException {
    deleteTree(root, path -> {});
  }

  /** The same; {@code before} runs before each file or folder is deleted (tests remove some). */
  static void deleteTree(Path root, Consumer<Path> before) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
          throws IOException {
        before.accept(file);
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE; // removed by someone else since it was listed
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        before.accept(dir);
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
