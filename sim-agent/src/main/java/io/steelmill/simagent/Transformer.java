package io.steelmill.simagent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands every class that is loaded or retransformed to {@link TimeReadRewriter}. It never throws
 * (the JVM would drop the error silently): a class that reads a clock but cannot be rewritten
 * stays as it was and is named on standard error, once, since its time reads stay real. A class
 * that reads no clock costs one pass over its constant pool ({@link ClockReads}).
 */
final class Transformer implements ClassFileTransformer {
  /** Classes loaded while a class is being rewritten (the class-file library's own) pass. */
  private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();
  private static final int NAMED_IN_REPORT = 3;

  /** The classes rewritten while the agent installs (cleared once it has reported). */
  private final Set<String> rewritten = ConcurrentHashMap.newKeySet();
  /** Clock readers that stay real, with why, until the install report; then printed at once. */
  private final Map<String, String> failures = new ConcurrentHashMap<>();
  private volatile boolean installing = true;

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className,
      Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
    if (className == null || className.startsWith("io/steelmill/simagent/")
        || className.equals(TimeReadRewriter.CLOCK_INTERNAL) || BUSY.get() != null
        || (!TimeReadRewriter.hooked(className) && !ClockReads.mayRead(bytes))) {
      return null; // nearly every class ends here, after one pass over its constant pool
    }
    BUSY.set(Boolean.TRUE);
    try {
      byte[] result = TimeReadRewriter.rewrite(className, bytes, loader);
      if (result != null && installing) {
        rewritten.add(className);
      }
      return result;
    } catch (Throwable e) {
      failed(className.replace('/', '.'), e);
      return null;
    } finally {
      BUSY.remove();
    }
  }

  /** How many distinct classes were rewritten since the agent began installing. */
  int rewrittenCount() {
    return rewritten.size();
  }

  /**
   * The JVM refused to redefine {@code type}: a failure to report when the class reads a clock
   * (the scan said so, or the transformer rewrote it), noise otherwise.
   */
  void refused(Class<?> type, Throwable error, boolean readsAClock) {
    if (readsAClock || rewritten.contains(type.getName().replace('.', '/'))) {
      failed(type.getName(), error);
    }
  }

  private void failed(String className, Throwable error) {
    String why = String.valueOf(error);
    if (installing) {
      failures.putIfAbsent(className, why);
    } else if (failures.putIfAbsent(className, why) == null) {
      System.err.println("steelmill-sim-agent: " + className + " keeps reading the real clock"
          + " (it could not be rewritten: " + why + ")");
    }
  }

  /** The classes named as keeping the real clock so far (for tests). */
  Set<String> unrewritable() {
    return Set.copyOf(failures.keySet());
  }

  /** Ends the install: names, in one line, the loaded classes whose clock reads stay real. */
  void reportInstalled() {
    installing = false;
    rewritten.clear();
    if (!failures.isEmpty()) {
      System.err.println(failureLine(new TreeMap<>(failures)));
    }
  }

  static String failureLine(Map<String, String> failures) {
    List<String> named = new ArrayList<>();
    for (Map.Entry<String, String> failure : failures.entrySet()) {
      if (named.size() == NAMED_IN_REPORT) {
        break;
      }
      named.add(failure.getKey() + " (" + failure.getValue() + ")");
    }
    int more = failures.size() - named.size();
    return "steelmill-sim-agent: " + failures.size() + " loaded classes that read a clock keep"
        + " reading the real one (they could not be rewritten): " + String.join(", ", named)
        + (more > 0 ? " and " + more + " more" : "");
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
