package io.steelmill.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.JavaFileObject;
import java.util.stream.Collectors;

/** Class paths as a user's build might have them. */
final class ClassPaths {
  private ClassPaths() {}

  /**
   * The tests' class path without {@code steelmill-sim}: what a production build has, or a
   * simulation build that forgot the dependency.
   */
  static String withoutSimulator() {
    return without("io.steelmill.sim.SimulatedPlatform");
  }

  /**
   * The tests' class path with a library whose classes miss their supertypes: {@code lib.Mid
   * extends lib.Base} and {@code lib.Iface extends lib.Gone}, without {@code Base} and {@code
   * Gone} (a dependency of the library left out); {@code lib.Tagged} and {@code lib.TagModule}
   * use the qualifier {@code lib.Tag}, {@code lib.Lenient} a nullness annotation, both left out
   * too. Compiled once, into a temporary folder.
   */
  static synchronized String withIncompleteLibrary() {
    if (incompleteLibrary == null) {
      Compilation library =
          com.google.testing.compile.Compiler.javac()
              .compile(
                  JavaFileObjects.forSourceLines("lib.Base", "package lib;",
                      "public class Base { public Base() {} }"),
                  JavaFileObjects.forSourceLines("lib.Mid", "package lib;",
                      "public class Mid extends Base { public Mid() {} }"),
                  JavaFileObjects.forSourceLines("lib.Gone", "package lib;",
                      "public interface Gone {}"),
                  JavaFileObjects.forSourceLines("lib.Iface", "package lib;",
                      "public interface Iface extends Gone {}"),
                  JavaFileObjects.forSourceLines("lib.Tag", "package lib;",
                      "@io.steelmill.Qualifier public @interface Tag {}"),
                  JavaFileObjects.forSourceLines("lib.Tagged", "package lib;",
                      "@io.steelmill.Daemon public class Tagged { public Tagged(@Tag String tag) {} }"),
                  JavaFileObjects.forSourceLines("lib.TagModule", "package lib;",
                      "public class TagModule {",
                      "  @io.steelmill.Provides @Tag public static String tag() { return \"t\"; }",
                      "}"),
                  JavaFileObjects.forSourceLines("javax.annotation.CheckForNull",
                      "package javax.annotation;", "public @interface CheckForNull {}"),
                  JavaFileObjects.forSourceLines("lib.Lenient", "package lib;",
                      "@io.steelmill.Daemon public class Lenient {",
                      "  public Lenient(@javax.annotation.CheckForNull String s) {}", "}"),
                  JavaFileObjects.forSourceLines("com.google.inject.Inject",
                      "package com.google.inject;", "public @interface Inject {}"),
                  JavaFileObjects.forSourceLines("lib.Guiced", "package lib;",
                      "@io.steelmill.Daemon public class Guiced {",
                      "  @com.google.inject.Inject public Guiced(String s) {}", "}"));
      try {
        Path folder = Files.createTempDirectory("steelmill-lib");
        Files.createDirectories(folder.resolve("lib"));
        Files.createDirectories(folder.resolve("javax/annotation"));
        for (Map.Entry<String, byte[]> entry : ClassFiles.of(library).entrySet()) {
          // each class of the library but its dependencies: Base, Gone, Tag, CheckForNull,
          // com.google.inject.Inject
          if (Set.of("lib.Mid", "lib.Iface", "lib.Tagged", "lib.TagModule", "lib.Lenient",
              "lib.Guiced").contains(entry.getKey())) {
            Path file = folder.resolve(entry.getKey().replace('.', '/') + ".class");
            Files.write(file, entry.getValue());
            file.toFile().deleteOnExit();
          }
        }
        folder.resolve("lib").toFile().deleteOnExit();
        folder.toFile().deleteOnExit();
        incompleteLibrary = folder + File.pathSeparator + System.getProperty("java.class.path");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return incompleteLibrary;
  }

  private static String incompleteLibrary;

  /**
   * A library compiled before (with the Steelmill processor when {@code processed}, else as a
   * build without it on the processor path would), in a temporary folder ahead of the tests'
   * class path: the folder's classes and the class path to compile against.
   */
  record Library(Map<String, byte[]> classes, String classPath) {}

  static Library compiledBefore(boolean processed, List<String> options, JavaFileObject... sources) {
    Compilation library = processed
        ? Compiler.compile(options, sources)
        : com.google.testing.compile.Compiler.javac().withOptions("-proc:none").compile(sources);
    if (library.status() != Compilation.Status.SUCCESS) {
      throw new IllegalStateException("the library must compile: " + library.diagnostics());
    }
    try {
      Path folder = Files.createTempDirectory("steelmill-before");
      folder.toFile().deleteOnExit();
      Map<String, byte[]> classes = ClassFiles.of(library);
      for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
        Path file = folder.resolve(entry.getKey().replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, entry.getValue());
        file.toFile().deleteOnExit();
      }
      return new Library(classes, folder + File.pathSeparator + System.getProperty("java.class.path"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tests' class path without {@code steelmill-runtime}: a build that forgot it. */
  static String withoutRuntime() {
    return without("io.steelmill.runtime.Node");
  }

  /**
   * The tests' class path without the entry that holds {@code className}. Found by where the class
   * was loaded from, so it works with a module's classes folder and with its jar alike.
   */
  private static String without(String className) {
    Path entry;
    try {
      entry =
          Path.of(
              Class.forName(className)
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
    } catch (ClassNotFoundException | URISyntaxException e) {
      throw new IllegalStateException(className + " must be on the tests' class path", e);
    }
    String path = System.getProperty("java.class.path");
    String without =
        Arrays.stream(path.split(File.pathSeparator))
            .filter(e -> !Path.of(e).toAbsolutePath().equals(entry.toAbsolutePath()))
            .collect(Collectors.joining(File.pathSeparator));
    if (without.equals(path)) {
      throw new IllegalStateException(entry + " is not an entry of " + path);
    }
    return without;
  }
}
