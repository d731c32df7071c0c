package io.steelmill.simagent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands every class that is loaded or retransformed to {@link TimeReadRewriter}. It never throws
 * (the JVM would drop the error silently): a class that cannot be rewritten stays as it was and
 * is named on standard error, since its time reads stay real.
 */
final class Transformer implements ClassFileTransformer {
  private static final List<String> FAILURES = new CopyOnWriteArrayList<>();
  /** Classes loaded while a class is being rewritten (the class-file library's own) pass. */
  private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();
  private static volatile boolean reported;

  private final Instrumentation instrumentation;
  private final Module boot;

  Transformer(Instrumentation instrumentation, Module boot) {
    this.instrumentation = instrumentation;
    this.boot = boot;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className,
      Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
    if (className == null || className.startsWith("io/steelmill/simagent/")
        || BUSY.get() != null) {
      return null;
    }
    BUSY.set(Boolean.TRUE);
    try {
      byte[] rewritten = TimeReadRewriter.rewrite(className, bytes, loader);
      if (rewritten != null) {
        letRead(instrumentation, module, boot);
      }
      return rewritten;
    } catch (Throwable e) {
      failed(className.replace('/', '.'), e);
      return null;
    } finally {
      BUSY.remove();
    }
  }

  /** Lets a named module call the bootstrap class path's {@code VirtualClock}. */
  static void letRead(Instrumentation instrumentation, Module module, Module boot) {
    if (module != null && module.isNamed() && !module.canRead(boot)) {
      instrumentation.redefineModule(module, Set.of(boot), Map.of(), Map.of(), Set.of(), Map.of());
    }
  }

  static void failed(String className, Throwable error) {
    FAILURES.add(className + " (" + error + ")");
    if (reported) {
      System.err.println("steelmill-sim-agent: " + className + " keeps reading the real clock (it"
          + " could not be rewritten: " + error + ")");
    }
  }

  /** Names, once, the classes whose clock reads stay real. */
  void reportFailures() {
    reported = true;
    if (!FAILURES.isEmpty()) {
      System.err.println("steelmill-sim-agent: " + FAILURES.size() + " classes keep reading the"
          + " real clock (they could not be rewritten): " + FAILURES);
    }
  }

  /** The class file of a loaded class, from its loader's resources. */
  static byte[] bytesOf(Class<?> type) throws IOException {
    String resource = "/" + type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no class file for " + type.getName());
      }
      return in.readAllBytes();
    }
  }
}
