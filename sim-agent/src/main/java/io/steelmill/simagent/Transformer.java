package io.steelmill.simagent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
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

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className,
      Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
    if (className == null || className.startsWith("io/steelmill/simagent/")
        || className.equals(TimeReadRewriter.CLOCK_INTERNAL) || BUSY.get() != null) {
      return null;
    }
    BUSY.set(Boolean.TRUE);
    try {
      return TimeReadRewriter.rewrite(className, bytes, loader);
    } catch (Throwable e) {
      failed(className.replace('/', '.'), e);
      return null;
    } finally {
      BUSY.remove();
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
      System.err.println("steelmill-sim-agent: " + FAILURES.size() + " loaded classes keep"
          + " reading the real clock (they could not be rewritten), such as "
          + FAILURES.subList(0, Math.min(3, FAILURES.size())));
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
