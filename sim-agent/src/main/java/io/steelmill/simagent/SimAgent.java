package io.steelmill.simagent;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's entry points: {@code -javaagent:steelmill-sim-agent.jar} ({@link #premain}), a
 * dynamic attach ({@link #agentmain}, see {@link SelfAttach}) or {@code Launcher-Agent-Class}
 * in an executable jar. Installing defines {@code VirtualClock} in {@code java.base} ({@link
 * BootClass}), registers the {@link Transformer} for classes loaded from now on and rewrites the
 * classes already loaded, the JDK's included. It runs once per JVM.
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
    try {
      Class<?> clock = BootClass.define(instrumentation);
      Module application = ClassLoader.getSystemClassLoader().getUnnamedModule();
      // the kernel names the owner of a contended monitor from the JVM's thread snapshot
      instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
          Map.of("jdk.internal.vm", Set.of(application)), Set.of(), Map.of());
      TimeReadRewriter.rewrite("java/lang/Thread", Transformer.bytesOf(Thread.class), null);
      Transformer transformer = new Transformer();
      instrumentation.addTransformer(transformer, true);
      long start = System.nanoTime();
      int classes = retransformLoaded(instrumentation);
      if (Boolean.getBoolean("steelmill.agent.verbose")) {
        System.err.println("steelmill-sim-agent: " + classes + " loaded classes rewritten in "
            + (System.nanoTime() - start) / 1_000_000 + " ms");
      }
      clock.getMethod("markInstalled").invoke(null);
      installed = true;
      transformer.reportFailures();
    } catch (ReflectiveOperationException | java.io.IOException e) {
      throw new IllegalStateException("steelmill-sim-agent could not install itself: " + e, e);
    }
  }

  /** Rewrites the classes loaded before the agent: in batches, one by one where a batch fails. */
  private static int retransformLoaded(Instrumentation instrumentation) {
    int count = 0;
    List<Class<?>> batch = new ArrayList<>(BATCH);
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (!type.isArray() && !type.isPrimitive() && !type.isHidden()
          && instrumentation.isModifiableClass(type)
          && !type.getName().startsWith("io.steelmill.simagent.")
          && !type.getName().equals(BootClass.NAME)) { // its clock reads are the real ones
        batch.add(type);
        count++;
        if (batch.size() == BATCH) {
          retransform(instrumentation, batch);
          batch.clear();
        }
      }
    }
    retransform(instrumentation, batch);
    return count;
  }

  private static void retransform(Instrumentation instrumentation, List<Class<?>> batch) {
    try {
      instrumentation.retransformClasses(batch.toArray(Class<?>[]::new));
    } catch (UnmodifiableClassException | LinkageError | RuntimeException | InternalError
        batchFailed) { // the JVM refused one class of the batch ("invalid class")
      for (Class<?> type : batch) {
        try {
          instrumentation.retransformClasses(type);
        } catch (UnmodifiableClassException | LinkageError | RuntimeException | InternalError e) {
          Transformer.failed(type.getName(), e);
        }
      }
    }
  }
}
