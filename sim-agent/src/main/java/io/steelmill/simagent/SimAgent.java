package io.steelmill.simagent;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's entry points: {@code -javaagent:steelmill-sim-agent.jar} ({@link #premain}), a
 * dynamic attach ({@link #agentmain}, see {@link SelfAttach}) or {@code Launcher-Agent-Class}
 * in an executable jar. Installing defines {@code VirtualClock} in {@code java.base} ({@link
 * BootClass}), registers the {@link Transformer} for classes loaded from now on and rewrites the
 * classes already loaded that read a clock, the JDK's included (chosen by {@link LoadedClasses}:
 * retransforming every loaded class took seconds). It runs once per JVM.
 */
public final class SimAgent {
  static final String CLOCK_CLASS = BootClass.NAME;
  private static final int BATCH = 256;
  private static boolean installed;

  private SimAgent() {}

  public static void premain(String arguments, Instrumentation instrumentation) {
    install(instrumentation);
  }

  public static void agentmain(String arguments, Instrumentation instrumentation) {
    install(instrumentation);
  }

  /**
   * Installs the agent in this JVM if it is not there yet: through {@code -javaagent}, else by
   * attaching to itself.
   *
   * @return null when the agent is installed, else why it could not be (one line)
   */
  public static String ensureInstalled() {
    return SelfAttach.ensureInstalled();
  }

  private static synchronized void install(Instrumentation instrumentation) {
    if (installed) {
      return;
    }
    long start = System.nanoTime(); // the agent's own classes are never rewritten
    try {
      Class<?> clock = BootClass.define(instrumentation);
      Module application = ClassLoader.getSystemClassLoader().getUnnamedModule();
      // the kernel names the owner of a contended monitor from the JVM's thread snapshot
      instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
          Map.of("jdk.internal.vm", Set.of(application)), Set.of(), Map.of());
      TimeReadRewriter.rewrite("java/lang/Thread", Transformer.bytesOf(Thread.class), null);
      Transformer transformer = new Transformer();
      instrumentation.addTransformer(transformer, true);
      long prepared = System.nanoTime();
      LoadedClasses.Selection selection = LoadedClasses.select(instrumentation);
      long retransforming = System.nanoTime();
      retransform(instrumentation, transformer, selection);
      if (Boolean.getBoolean("steelmill.agent.verbose")) {
        long end = System.nanoTime();
        System.err.printf("steelmill-sim-agent: installed in %d ms: %d loaded classes scanned in"
            + " %d ms (%d read a clock or carry a hook, %d had no class file to read), those"
            + " retransformed in %d ms (%d rewritten), %d ms to prepare%n",
            (end - start) / 1_000_000, selection.scanned(), selection.nanos() / 1_000_000,
            selection.clockReaders().size(), selection.unscanned().size(),
            (end - retransforming) / 1_000_000, transformer.rewrittenCount(),
            (prepared - start) / 1_000_000);
      }
      clock.getMethod("markInstalled").invoke(null);
      installed = true;
      transformer.reportInstalled();
    } catch (ReflectiveOperationException | java.io.IOException e) {
      throw new IllegalStateException("steelmill-sim-agent could not install itself: " + e, e);
    }
  }

  /** Retransforms the chosen classes: in batches, one by one where a batch fails. */
  private static void retransform(Instrumentation instrumentation, Transformer transformer,
      LoadedClasses.Selection selection) {
    Set<Class<?>> readers = new HashSet<>(selection.clockReaders()); // Class: identity
    List<Class<?>> classes = selection.all();
    for (int from = 0; from < classes.size(); from += BATCH) {
      List<Class<?>> batch = classes.subList(from, Math.min(classes.size(), from + BATCH));
      try {
        instrumentation.retransformClasses(batch.toArray(Class<?>[]::new));
      } catch (UnmodifiableClassException | LinkageError | RuntimeException | InternalError
          batchFailed) { // the JVM refused one class of the batch ("invalid class")
        for (Class<?> type : batch) {
          try {
            instrumentation.retransformClasses(type);
          } catch (UnmodifiableClassException | LinkageError | RuntimeException | InternalError e) {
            transformer.refused(type, e, readers.contains(type));
          }
        }
      }
    }
  }
}
