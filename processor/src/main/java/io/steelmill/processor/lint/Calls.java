package io.steelmill.processor.lint;

import io.steelmill.processor.diagnostics.LintRule;
import java.util.Map;
import java.util.Set;

/** Which calls and constructions each rule flags, by declaring class and member name. */
final class Calls {
  /** Static or instance methods: class -> method names -> rule. */
  static final Map<String, Map<String, LintRule>> METHODS =
      Map.ofEntries(
          Map.entry("java.lang.System", Map.of(
              "currentTimeMillis", LintRule.WallClock, "nanoTime", LintRule.WallClock,
              "identityHashCode", LintRule.Identity, "getenv", LintRule.Environment)),
          Map.entry("java.time.Instant", Map.of("now", LintRule.WallClock)),
          Map.entry("java.time.LocalDateTime", Map.of("now", LintRule.WallClock)),
          Map.entry("java.time.LocalDate", Map.of("now", LintRule.WallClock)),
          Map.entry("java.time.LocalTime", Map.of("now", LintRule.WallClock)),
          Map.entry("java.time.ZonedDateTime", Map.of("now", LintRule.WallClock)),
          Map.entry("java.time.OffsetDateTime", Map.of("now", LintRule.WallClock)),
          Map.entry("java.time.OffsetTime", Map.of("now", LintRule.WallClock)),
          Map.entry("java.time.Year", Map.of("now", LintRule.WallClock)),
          Map.entry("java.time.YearMonth", Map.of("now", LintRule.WallClock)),
          Map.entry("java.time.MonthDay", Map.of("now", LintRule.WallClock)),
          Map.entry("java.time.Clock", Map.of(
              "systemUTC", LintRule.WallClock, "systemDefaultZone", LintRule.WallClock,
              "system", LintRule.WallClock, "tickMillis", LintRule.WallClock,
              "tickSeconds", LintRule.WallClock, "tickMinutes", LintRule.WallClock)),
          Map.entry("java.time.InstantSource", Map.of("system", LintRule.WallClock)),
          Map.entry("java.lang.management.RuntimeMXBean", Map.of(
              "getUptime", LintRule.WallClock, "getStartTime", LintRule.WallClock)),
          Map.entry("java.lang.management.ThreadMXBean", Map.of(
              "getCurrentThreadCpuTime", LintRule.WallClock,
              "getCurrentThreadUserTime", LintRule.WallClock,
              "getThreadCpuTime", LintRule.WallClock, "getThreadUserTime", LintRule.WallClock)),
          Map.entry("java.util.Calendar", Map.of("getInstance", LintRule.WallClock)),
          Map.entry("java.time.ZoneId", Map.of("systemDefault", LintRule.Environment)),
          Map.entry("java.util.TimeZone", Map.of("getDefault", LintRule.Environment)),
          Map.entry("java.util.Locale", Map.of("getDefault", LintRule.Environment)),
          Map.entry("java.lang.Runtime", Map.of(
              "availableProcessors", LintRule.Environment, "freeMemory", LintRule.Environment,
              "totalMemory", LintRule.Environment, "maxMemory", LintRule.Environment,
              "exec", LintRule.DirectIo)),
          Map.entry("java.lang.ProcessBuilder", Map.of(
              "start", LintRule.DirectIo, "startPipeline", LintRule.DirectIo)),
          Map.entry("java.net.URL", Map.of(
              "openConnection", LintRule.DirectIo, "openStream", LintRule.DirectIo,
              "getContent", LintRule.DirectIo)),
          Map.entry("java.net.http.HttpClient", Map.of(
              "newHttpClient", LintRule.DirectIo, "newBuilder", LintRule.DirectIo)),
          // what these run is chosen at run time: flagged as such (see LintRule.Reflection)
          Map.entry("java.lang.reflect.Method", Map.of("invoke", LintRule.Reflection)),
          Map.entry("java.lang.reflect.Constructor", Map.of("newInstance", LintRule.Reflection)),
          Map.entry("java.lang.Class", Map.of("newInstance", LintRule.Reflection)),
          Map.entry("java.lang.invoke.MethodHandle", Map.of(
              "invoke", LintRule.Reflection, "invokeExact", LintRule.Reflection,
              "invokeWithArguments", LintRule.Reflection)),
          Map.entry("java.lang.invoke.MethodHandleProxies", Map.of(
              "asInterfaceInstance", LintRule.Reflection)),
          Map.entry("java.lang.ProcessHandle", Map.of("current", LintRule.Environment)),
          // without a thread factory, a cleaner runs its actions on a platform thread of its own
          Map.entry("java.lang.ref.Cleaner", Map.of("create", LintRule.Thread)),
          Map.entry("java.lang.Thread", Map.of(
              "sleep", LintRule.Sleep, "ofPlatform", LintRule.Thread,
              "threadId", LintRule.Identity, "getId", LintRule.Identity)),
          Map.entry("java.lang.Object", Map.of("wait", LintRule.Monitor)),
          Map.entry("java.util.concurrent.TimeUnit", Map.of("sleep", LintRule.Sleep)),
          Map.entry("java.util.concurrent.Executors", Map.of(
              "newFixedThreadPool", LintRule.Thread, "newCachedThreadPool", LintRule.Thread,
              "newSingleThreadExecutor", LintRule.Thread, "newScheduledThreadPool", LintRule.Thread,
              "newSingleThreadScheduledExecutor", LintRule.Thread,
              "newWorkStealingPool", LintRule.Thread, "defaultThreadFactory", LintRule.Thread)),
          Map.entry("java.util.concurrent.ForkJoinPool", Map.of("commonPool", LintRule.Async)),
          Map.entry("java.util.concurrent.ForkJoinTask", Map.of(
              "fork", LintRule.Async, "invokeAll", LintRule.Async)),
          Map.entry("java.lang.Math", Map.of("random", LintRule.Random)),
          Map.entry("java.lang.StrictMath", Map.of("random", LintRule.Random)),
          Map.entry("java.util.concurrent.ThreadLocalRandom", Map.of("current", LintRule.Random)),
          Map.entry("java.util.UUID", Map.of("randomUUID", LintRule.Random)),
          Map.entry("java.util.Collections", Map.of("shuffle", LintRule.Random)),
          Map.entry("java.util.random.RandomGenerator", Map.of(
              "getDefault", LintRule.Random, "of", LintRule.Random)),
          Map.entry("java.util.random.RandomGeneratorFactory", Map.of("create", LintRule.Random)),
          Map.entry("java.security.SecureRandom", Map.of(
              "getInstance", LintRule.Random, "getInstanceStrong", LintRule.Random)),
          Map.entry("java.util.concurrent.CompletableFuture", Map.of(
              "supplyAsync", LintRule.Async, "runAsync", LintRule.Async,
              "orTimeout", LintRule.Async, "completeOnTimeout", LintRule.Async,
              "delayedExecutor", LintRule.Async)),
          Map.entry("java.util.Collection", Map.of("parallelStream", LintRule.Async)),
          Map.entry("java.util.stream.BaseStream", Map.of("parallel", LintRule.Async)),
          Map.entry("java.util.stream.Stream", Map.of("parallel", LintRule.Async)),
          Map.entry("java.util.stream.IntStream", Map.of("parallel", LintRule.Async)),
          Map.entry("java.util.stream.LongStream", Map.of("parallel", LintRule.Async)),
          Map.entry("java.util.stream.DoubleStream", Map.of("parallel", LintRule.Async)),
          Map.entry("java.util.Arrays", Map.of(
              "parallelSort", LintRule.Async, "parallelSetAll", LintRule.Async,
              "parallelPrefix", LintRule.Async)),
          Map.entry("java.io.File", Map.ofEntries(
              Map.entry("list", LintRule.DirectIo), Map.entry("listFiles", LintRule.DirectIo),
              Map.entry("exists", LintRule.DirectIo), Map.entry("length", LintRule.DirectIo),
              Map.entry("lastModified", LintRule.DirectIo), Map.entry("delete", LintRule.DirectIo),
              Map.entry("mkdir", LintRule.DirectIo), Map.entry("mkdirs", LintRule.DirectIo),
              Map.entry("createNewFile", LintRule.DirectIo),
              Map.entry("renameTo", LintRule.DirectIo),
              Map.entry("isFile", LintRule.DirectIo), Map.entry("isDirectory", LintRule.DirectIo),
              Map.entry("canRead", LintRule.DirectIo), Map.entry("canWrite", LintRule.DirectIo),
              Map.entry("createTempFile", LintRule.DirectIo),
              Map.entry("listRoots", LintRule.DirectIo),
              Map.entry("getCanonicalPath", LintRule.DirectIo),
              Map.entry("getFreeSpace", LintRule.DirectIo),
              Map.entry("setLastModified", LintRule.DirectIo),
              Map.entry("deleteOnExit", LintRule.DirectIo))),
          Map.entry("java.net.InetAddress", Map.of(
              "getLocalHost", LintRule.DirectIo, "getByName", LintRule.DirectIo,
              "getAllByName", LintRule.DirectIo)),
          Map.entry("java.nio.channels.SocketChannel", Map.of("open", LintRule.DirectIo)),
          Map.entry("java.nio.channels.ServerSocketChannel", Map.of("open", LintRule.DirectIo)),
          Map.entry("java.nio.channels.DatagramChannel", Map.of("open", LintRule.DirectIo)),
          Map.entry("java.nio.channels.FileChannel", Map.of("open", LintRule.DirectIo)),
          Map.entry("java.nio.channels.AsynchronousSocketChannel", Map.of("open", LintRule.DirectIo)),
          Map.entry("java.nio.channels.AsynchronousServerSocketChannel",
              Map.of("open", LintRule.DirectIo)),
          Map.entry("java.nio.channels.AsynchronousFileChannel", Map.of("open", LintRule.DirectIo)),
          Map.entry("java.nio.channels.Selector", Map.of("open", LintRule.DirectIo)),
          Map.entry("java.nio.channels.Pipe", Map.of("open", LintRule.DirectIo)));

  /** Classes whose construction is flagged. */
  static final Map<String, LintRule> CONSTRUCTORS =
      Map.ofEntries(
          Map.entry("java.lang.Thread", LintRule.Thread),
          Map.entry("java.util.Timer", LintRule.Thread),
          Map.entry("java.util.concurrent.ForkJoinPool", LintRule.Thread),
          Map.entry("java.util.concurrent.ThreadPoolExecutor", LintRule.Thread),
          Map.entry("java.util.concurrent.ScheduledThreadPoolExecutor", LintRule.Thread),
          Map.entry("java.util.Random", LintRule.Random),
          Map.entry("java.util.SplittableRandom", LintRule.Random),
          Map.entry("java.security.SecureRandom", LintRule.Random),
          Map.entry("java.util.Date", LintRule.WallClock),
          Map.entry("java.util.GregorianCalendar", LintRule.WallClock),
          Map.entry("java.net.Socket", LintRule.DirectIo),
          Map.entry("java.net.ServerSocket", LintRule.DirectIo),
          Map.entry("java.net.DatagramSocket", LintRule.DirectIo),
          Map.entry("java.io.FileInputStream", LintRule.DirectIo),
          Map.entry("java.io.FileOutputStream", LintRule.DirectIo),
          Map.entry("java.io.RandomAccessFile", LintRule.DirectIo),
          Map.entry("java.io.FileReader", LintRule.DirectIo),
          Map.entry("java.io.FileWriter", LintRule.DirectIo));

  /**
   * Classes that open a file when constructed from its name or path (the first parameter's type,
   * erased): {@code new PrintWriter("out.txt")} writes a real file, {@code new PrintWriter(writer)}
   * does not, and {@code new Scanner(text)} scans the string itself.
   */
  static final Map<String, Set<String>> OPEN_FILES =
      Map.of(
          "java.io.PrintWriter", Set.of("java.io.File", "java.lang.String"),
          "java.io.PrintStream", Set.of("java.io.File", "java.lang.String"),
          "java.util.Formatter", Set.of("java.io.File", "java.lang.String"),
          "java.util.Scanner", Set.of("java.io.File", "java.nio.file.Path"),
          "java.util.zip.ZipFile", Set.of("java.io.File", "java.lang.String"),
          "java.util.jar.JarFile", Set.of("java.io.File", "java.lang.String"));

  /**
   * Constructions flagged only without arguments: {@code new Random(seed)} is seeded and {@code
   * new Date(millis)} holds a given time; without arguments they read the seedless source.
   */
  static final Set<String> ONLY_WITHOUT_ARGUMENTS =
      Set.of("java.util.Random", "java.util.SplittableRandom", "java.util.Date",
          "java.util.GregorianCalendar");

  /** Constructions flagged unless they take a thread factory, as for {@code Executors}. */
  static final Set<String> UNLESS_THREAD_FACTORY =
      Set.of("java.util.concurrent.ThreadPoolExecutor",
          "java.util.concurrent.ScheduledThreadPoolExecutor",
          "java.util.concurrent.ForkJoinPool");

  /** Hash collections: their iteration order follows the keys' hash codes. */
  static final Set<String> HASH_COLLECTIONS =
      Set.of("java.util.HashMap", "java.util.HashSet", "java.util.WeakHashMap",
          "java.util.Hashtable", "java.util.concurrent.ConcurrentHashMap");

  /** Collections that keep the order of a collection they copy: an unordered one leaks in. */
  static final Set<String> ORDER_KEEPING_CLASSES =
      Set.of("java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque",
          "java.util.LinkedHashSet", "java.util.LinkedHashMap", "java.util.Vector",
          "java.util.concurrent.CopyOnWriteArrayList", "java.util.concurrent.LinkedBlockingQueue",
          "java.util.concurrent.ConcurrentLinkedQueue");

  /** Iterated in identity-hash order whatever the keys. */
  static final String IDENTITY_HASH_MAP = "java.util.IdentityHashMap";

  /** Every static method of these classes does I/O. */
  static final Set<String> IO_CLASSES = Set.of("java.nio.file.Files");

  /** Factories of collections with an unstable iteration order. */
  static final Set<String> UNORDERED_FACTORIES = Set.of("of", "ofEntries", "copyOf");

  static final Set<String> UNORDERED_OWNERS = Set.of("java.util.Set", "java.util.Map");

  private Calls() {}
}
