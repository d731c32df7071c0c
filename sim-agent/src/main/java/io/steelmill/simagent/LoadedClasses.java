package io.steelmill.simagent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses which of the classes loaded before the agent must be retransformed: those that read a
 * clock, those with an escape hook, and those whose class file cannot be read to tell.
 *
 * <p>Retransforming is what made installing slow (10-50 s inside Maven's JVM): the JVM
 * reconstitutes, re-parses and swaps every class it is given, whether the transformer changes it
 * or not. Reading a class's own file ({@link ClassFiles}) and scanning its constant pool ({@link
 * ClockReads}) costs a small fraction of that, and only about one class in a hundred reads a
 * clock. Skipping is only ever decided from bytes that were read; a class with no file to read
 * (generated at run time) is retransformed anyway, so the transformer sees the bytes the JVM
 * holds and decides, except for {@link Proxy} classes, whose methods the JDK writes to call their
 * invocation handler and nothing else.
 */
final class LoadedClasses {
  /** What to retransform, and what the scan saw. */
  record Selection(List<Class<?>> clockReaders, List<Class<?>> unscanned, int scanned,
      long nanos) {
    List<Class<?>> all() {
      List<Class<?>> all = new ArrayList<>(clockReaders);
      all.addAll(unscanned);
      return all;
    }
  }

  private LoadedClasses() {}

  static Selection select(Instrumentation instrumentation) {
    long start = System.nanoTime(); // the agent's own classes are never rewritten
    List<Class<?>> readers = new ArrayList<>();
    List<Class<?>> unscanned = new ArrayList<>();
    int scanned = 0;
    try (ClassFiles files = new ClassFiles()) {
      for (Class<?> type : instrumentation.getAllLoadedClasses()) {
        if (!rewritable(instrumentation, type)) {
          continue;
        }
        scanned++;
        if (TimeReadRewriter.hooked(type.getName().replace('.', '/'))) {
          readers.add(type);
          continue;
        }
        byte[] classFile = files.of(type);
        if (classFile == null) {
          if (!Proxy.isProxyClass(type)) {
            unscanned.add(type);
          }
        } else if (ClockReads.mayRead(classFile)) {
          readers.add(type);
        }
      }
    }
    return new Selection(readers, unscanned, scanned, System.nanoTime() - start);
  }

  /** Whether the agent may rewrite the class at all. */
  static boolean rewritable(Instrumentation instrumentation, Class<?> type) {
    return !type.isArray() && !type.isPrimitive() && !type.isHidden()
        && instrumentation.isModifiableClass(type)
        && !type.getName().startsWith("io.steelmill.simagent.")
        && !type.getName().equals(BootClass.NAME); // its clock reads are the real ones
  }
}
