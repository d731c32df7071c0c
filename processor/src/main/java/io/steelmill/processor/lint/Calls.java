package io.steelmill.processor.lint;

import io.steelmill.processor.diagnostics.LintRule;
import java.util.Map;
import java.util.Set;

/** Which calls and constructions each rule flags, by declaring class and member name. */
final class Calls {
  /** Static or instance methods: class -> method names -> rule. */
  static final Map<String, Map<String, LintRule>> METHODS =
      Map.ofEntries(
          Map.entry("java.lang.System", Map.of("currentTimeMillis", LintRule.WallClock, "nanoTime", LintRule.WallClock)),
          Map.entry("java.time.Instant", Map.of("now", LintRule.WallClock)),
          Map.entry("java.time.LocalDateTime", Map.of("now", LintRule.WallClock)),
          Map.entry("java.time.LocalDate", Map.of("now", LintRule.WallClock)),
          Map.entry("java.time.LocalTime", Map.of("now", LintRule.WallClock)),
          Map.entry("java.time.ZonedDateTime", Map.of("now", LintRule.WallClock)),
          Map.entry("java.time.OffsetDateTime", Map.of("now", LintRule.WallClock)),
          Map.entry("java.time.Clock", Map.of(
              "systemUTC", LintRule.WallClock, "systemDefaultZone", LintRule.WallClock,
              "system", LintRule.WallClock)),
          Map.entry("java.lang.Thread", Map.of("sleep", LintRule.Sleep, "ofPlatform", LintRule.Thread)),
          Map.entry("java.util.concurrent.TimeUnit", Map.of("sleep", LintRule.Sleep)),
          Map.entry("java.util.concurrent.Executors", Map.of(
              "newFixedThreadPool", LintRule.Thread, "newCachedThreadPool", LintRule.Thread,
              "newSingleThreadExecutor", LintRule.Thread, "newScheduledThreadPool", LintRule.Thread,
              "newSingleThreadScheduledExecutor", LintRule.Thread,
              "newWorkStealingPool", LintRule.Thread)),
          Map.entry("java.util.concurrent.ForkJoinPool", Map.of("commonPool", LintRule.Async)),
          Map.entry("java.lang.Math", Map.of("random", LintRule.Random)),
          Map.entry("java.lang.StrictMath", Map.of("random", LintRule.Random)),
          Map.entry("java.util.concurrent.ThreadLocalRandom", Map.of("current", LintRule.Random)),
          Map.entry("java.util.UUID", Map.of("randomUUID", LintRule.Random)),
          Map.entry("java.util.Collections", Map.of("shuffle", LintRule.Random)),
          Map.entry("java.util.concurrent.CompletableFuture", Map.of(
              "supplyAsync", LintRule.Async, "runAsync", LintRule.Async,
              "orTimeout", LintRule.Async, "completeOnTimeout", LintRule.Async,
              "delayedExecutor", LintRule.Async)),
          Map.entry("java.util.Collection", Map.of("parallelStream", LintRule.Async)),
          Map.entry("java.util.stream.BaseStream", Map.of("parallel", LintRule.Async)),
          Map.entry("java.nio.channels.SocketChannel", Map.of("open", LintRule.DirectIo)),
          Map.entry("java.nio.channels.ServerSocketChannel", Map.of("open", LintRule.DirectIo)),
          Map.entry("java.nio.channels.DatagramChannel", Map.of("open", LintRule.DirectIo)),
          Map.entry("java.nio.channels.FileChannel", Map.of("open", LintRule.DirectIo)));

  /** Classes whose construction is flagged. */
  static final Map<String, LintRule> CONSTRUCTORS =
      Map.ofEntries(
          Map.entry("java.lang.Thread", LintRule.Thread),
          Map.entry("java.util.Timer", LintRule.Thread),
          Map.entry("java.util.Random", LintRule.Random),
          Map.entry("java.security.SecureRandom", LintRule.Random),
          Map.entry("java.net.Socket", LintRule.DirectIo),
          Map.entry("java.net.ServerSocket", LintRule.DirectIo),
          Map.entry("java.net.DatagramSocket", LintRule.DirectIo),
          Map.entry("java.io.FileInputStream", LintRule.DirectIo),
          Map.entry("java.io.FileOutputStream", LintRule.DirectIo),
          Map.entry("java.io.RandomAccessFile", LintRule.DirectIo),
          Map.entry("java.io.FileReader", LintRule.DirectIo),
          Map.entry("java.io.FileWriter", LintRule.DirectIo));

  /** Every static method of these classes does I/O. */
  static final Set<String> IO_CLASSES = Set.of("java.nio.file.Files");

  /** Factories of collections with an unstable iteration order. */
  static final Set<String> UNORDERED_FACTORIES = Set.of("of", "ofEntries", "copyOf");

  static final Set<String> UNORDERED_OWNERS = Set.of("java.util.Set", "java.util.Map");

  private Calls() {}
}
