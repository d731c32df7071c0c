package io.steelmill.simagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.simagent.boot.VirtualClock;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.instruction.InvokeInstruction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rewriting itself: a rewritten copy of a class, loaded beside this test, reads the hooks of
 * the agent's clock, and the JDK's own classes come out with every clock read redirected and the
 * escape hooks in place; {@link VirtualClock}'s arithmetic and hooks, on the class path.
 */
class TimeReadRewriterTest {
  private static final long VIRTUAL_NANOS = 42_000_000_123L;
  private static final long WALL_NANOS = Instant.parse("2031-02-03T04:05:06.789Z").getEpochSecond()
      * 1_000_000_000L + 789_000_000L;

  /** Reads every clock in every way the agent rewrites. */
  public static final class ReadsClocks implements Supplier<List<Object>> {
    @Override
    public List<Object> get() {
      LongSupplier reference = System::nanoTime;
      LongSupplier millis = System::currentTimeMillis;
      return List.of(System.nanoTime(), System.currentTimeMillis(), reference.getAsLong(),
          millis.getAsLong(), Instant.now());
    }
  }

  /** Reads no clock: left alone. */
  public static final class ReadsNothing {
    public int answer() {
      return 42;
    }
  }

  @AfterEach
  void uninstall() throws Exception {
    VirtualClock.install(null, null, null);
    if (SelfAttach.installed()) {
      installInJavaBase(null, null);
    }
  }

  /** Installs hooks on the copy the agent defined in java.base (attaching it if needed). */
  private static void installInJavaBase(LongSupplier monotonic, LongSupplier wall)
      throws Exception {
    assertThat(SimAgent.ensureInstalled()).isNull();
    Class.forName(BootClass.NAME, false, null)
        .getMethod("install", LongSupplier.class, LongSupplier.class, BiConsumer.class)
        .invoke(null, monotonic, wall, null);
  }

  @Test
  void aRewrittenClassReadsTheHooksAndOnlyWhenTheyAnswer() throws Exception {
    boolean[] simulated = {true};
    LongSupplier virtual = () -> simulated[0] ? VIRTUAL_NANOS : VirtualClock.REAL;
    LongSupplier wall = () -> simulated[0] ? WALL_NANOS : VirtualClock.REAL;
    installInJavaBase(virtual, wall);
    @SuppressWarnings("unchecked")
    Supplier<List<Object>> reads = (Supplier<List<Object>>) rewrittenCopy(ReadsClocks.class)
        .getConstructor().newInstance();
    List<Object> values = reads.get();
    assertThat(values).containsExactly(VIRTUAL_NANOS, WALL_NANOS / 1_000_000, VIRTUAL_NANOS,
        WALL_NANOS / 1_000_000, Instant.ofEpochSecond(0, WALL_NANOS));
    simulated[0] = false;
    List<Object> real = reads.get();
    assertThat((Long) real.get(0)).isNotEqualTo(VIRTUAL_NANOS);
    assertThat(Math.abs((Long) real.get(1) - System.currentTimeMillis())).isLessThan(60_000);
  }

  @Test
  void nanoTimeAdjustmentFollowsTheVirtualWallClock() {
    VirtualClock.install(() -> VIRTUAL_NANOS, () -> WALL_NANOS, null);
    long seconds = WALL_NANOS / 1_000_000_000L;
    assertThat(VirtualClock.nanoTimeAdjustment(seconds - 10)).isEqualTo(10_789_000_000L);
    assertThat(VirtualClock.nanoTimeAdjustment(seconds + 1)).isEqualTo(-211_000_000L);
    assertThat(VirtualClock.nanoTimeAdjustment(seconds - (1L << 33))).isEqualTo(-1);
    assertThat(VirtualClock.nanoTimeAdjustment(seconds + (1L << 33))).isEqualTo(-1);
  }

  @Test
  void aClassWithoutClockReadsIsLeftAlone() throws IOException {
    assertThat(TimeReadRewriter.rewrite(internal(ReadsNothing.class), bytes(ReadsNothing.class),
        getClass().getClassLoader())).isNull();
  }

  @Test
  void theJdksTimedWaitsAndEscapePointsAreRewritten() throws Exception {
    for (Class<?> type : List.of(Thread.class, Object.class,
        Class.forName("java.lang.VirtualThread"),
        java.util.concurrent.locks.AbstractQueuedSynchronizer.ConditionObject.class,
        java.util.concurrent.CompletableFuture.class, java.util.concurrent.FutureTask.class,
        java.util.concurrent.ScheduledThreadPoolExecutor.class, java.time.Clock.class,
        Class.forName("java.time.Clock$SystemClock"))) {
      byte[] rewritten = TimeReadRewriter.rewrite(internal(type), Transformer.bytesOf(type), null);
      assertThat(rewritten).as(type.getName()).isNotNull();
      List<String> calls = calls(rewritten);
      assertThat(calls).as(type.getName()).noneMatch(call ->
          call.startsWith("java/lang/System.nanoTime")
          || call.startsWith("java/lang/System.currentTimeMillis")
          || call.startsWith("jdk/internal/misc/VM.getNanoTimeAdjustment"));
      assertThat(calls).as(type.getName())
          .anyMatch(call -> call.startsWith(TimeReadRewriter.CLOCK_INTERNAL + "."));
    }
    assertThat(calls(TimeReadRewriter.rewrite("java/lang/Thread", Transformer.bytesOf(Thread.class),
        null))).contains(TimeReadRewriter.CLOCK_INTERNAL + ".threadStarting");
    assertThat(calls(TimeReadRewriter.rewrite("java/lang/Object", Transformer.bytesOf(Object.class),
        null))).contains(TimeReadRewriter.CLOCK_INTERNAL + ".objectWaiting");
  }

  @Test
  void escapeReportsReachTheHookAndMayStopTheEscape() {
    List<String> seen = new ArrayList<>();
    BiConsumer<String, Object> escapes = (kind, subject) -> {
      seen.add(kind);
      if (kind.equals("thread-start")) {
        throw new IllegalStateException("stopped");
      }
    };
    VirtualClock.install(null, null, escapes);
    VirtualClock.objectWaiting(this);
    try {
      VirtualClock.threadStarting(Thread.currentThread());
    } catch (IllegalStateException expected) {
      seen.add(expected.getMessage());
    }
    assertThat(seen).containsExactly("object-wait", "thread-start", "stopped");
  }

  private static List<String> calls(byte[] classFile) {
    List<String> calls = new ArrayList<>();
    ClassFile.of().parse(classFile).methods().forEach(method -> method.code().ifPresent(code ->
        code.forEach(element -> {
          if (element instanceof InvokeInstruction call) {
            calls.add(call.owner().asInternalName() + "." + call.name().stringValue());
          }
        })));
    return calls;
  }

  private static String internal(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  private static byte[] bytes(Class<?> type) throws IOException {
    return Transformer.bytesOf(type);
  }

  private static Class<?> rewrittenCopy(Class<?> type) throws Exception {
    byte[] rewritten = TimeReadRewriter.rewrite(internal(type), bytes(type),
        type.getClassLoader());
    assertThat(rewritten).isNotNull();
    ClassLoader loader = new ClassLoader(type.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.equals(type.getName())) {
          synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            return loaded != null ? loaded : defineClass(name, rewritten, 0, rewritten.length);
          }
        }
        return super.loadClass(name, resolve);
      }
    };
    return Class.forName(type.getName(), true, loader);
  }
}
