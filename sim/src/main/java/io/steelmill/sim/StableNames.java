package io.steelmill.sim;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites what the JVM, not the seed, decides in a text about a run, so that the text (hashed
 * into the trace, shown in a report) is the same in every run of a seed, in any JVM: identity
 * hash codes ({@code ReentrantLock$NonfairSync@1b3d0e12}) become a per-run ordinal by order of
 * first appearance ({@code ReentrantLock$NonfairSync#1}); thread ids ({@code VirtualThread[#31,}),
 * a JVM-wide counter, likewise, and so do the numbers in the JVM's default thread and pool
 * names ({@code Thread-7}, {@code pool-3-thread-1}); the addresses in hidden class names ({@code
 * Main$$Lambda/0x000071c4}) go. Objects the kernel names itself get the same kind of name
 * ({@link #of}).
 */
final class StableNames {
  /** {@code pkg.Class@hex}: the last segment starts upper case, so {@code bob@cafe} stays. */
  private static final Pattern IDENTITY = Pattern.compile(
      "((?<![\\w$.])(?:[A-Za-z_][\\w$]*\\.)*[A-Z_$][\\w$]*|\\[+(?:[ZBCSIJFD]|L[\\w$.]+;))"
          + "@([0-9a-f]{1,8})\\b");
  /** Names the JVM numbers with counters of its own: {@code Thread-7}, {@code pool-3-thread-1}. */
  private static final Pattern JVM_COUNTER = Pattern.compile(
      "\\b(Thread-|pool-(?=\\d+-thread-)|ForkJoinPool-(?=\\d+-worker-)|commonPool-worker-)"
          + "(\\d+)\\b");
  private static final Pattern HIDDEN_CLASS =
      Pattern.compile("(\\$\\$Lambda)?(\\$\\d+)?/0x[0-9a-f]+");
  private static final Pattern THREAD_ID = Pattern.compile("(Thread\\[#)(\\d+)");

  private final Map<String, Integer> perClass = new HashMap<>();
  private final Map<String, String> identities = new HashMap<>();
  private final Map<String, String> threadIds = new HashMap<>();
  private final Map<String, String> counters = new HashMap<>();
  private final Map<Object, String> objects = new IdentityHashMap<>();

  /** Whether {@code text} may hold something to rewrite: a cheap test before the regexes. */
  static boolean mayNeedRewrite(String text) {
    return text.indexOf('@') >= 0 || text.contains("/0x") || text.contains("Thread[#")
        || text.contains("Thread-") || text.contains("pool-") || text.contains("Pool-");
  }

  /** {@code text} with identity hashes, thread ids and hidden class addresses made stable. */
  String rewrite(String text) {
    if (!mayNeedRewrite(text)) {
      return text;
    }
    String result = HIDDEN_CLASS.matcher(text).replaceAll("$1");
    Matcher identity = IDENTITY.matcher(result);
    result = identity.replaceAll(match -> Matcher.quoteReplacement(
        identities.computeIfAbsent(match.group(), key -> nextName(match.group(1)))));
    Matcher thread = THREAD_ID.matcher(result);
    result = thread.replaceAll(match -> Matcher.quoteReplacement(match.group(1)
        + threadIds.computeIfAbsent(match.group(2), id -> "t" + (threadIds.size() + 1))));
    Matcher counter = JVM_COUNTER.matcher(result);
    return counter.replaceAll(match -> Matcher.quoteReplacement(match.group(1)
        + counters.computeIfAbsent(match.group(), key -> "n" + (counters.size() + 1))));
  }

  /**
   * A name for {@code object} (a lock, a monitor): its class and an ordinal by order of first
   * naming in this run, the same object always the same name.
   */
  String of(Object object) {
    String known = objects.get(object);
    if (known != null) {
      return known;
    }
    String name = nextName(className(object.getClass()));
    objects.put(object, name);
    return name;
  }

  private String nextName(String className) {
    int ordinal = perClass.merge(className, 1, Integer::sum);
    return className + "#" + ordinal;
  }

  /**
   * The class name without its package, and without a hidden class's address; a lock's inner
   * synchronizer ({@code ReentrantLock$NonfairSync}) goes by its lock's class.
   */
  static String className(Class<?> type) {
    Class<?> outer = type.getEnclosingClass();
    if (outer != null
        && java.util.concurrent.locks.AbstractOwnableSynchronizer.class.isAssignableFrom(type)
        && (java.util.concurrent.locks.Lock.class.isAssignableFrom(outer)
            || java.util.concurrent.locks.ReadWriteLock.class.isAssignableFrom(outer))) {
      type = outer;
    }
    String name = type.getName();
    int slash = name.indexOf('/');
    if (slash >= 0) {
      name = name.substring(0, slash);
    }
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
