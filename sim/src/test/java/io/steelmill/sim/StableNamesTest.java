package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** What the JVM decides in a report's text gives way to per-run ordinals (issue 14 item 1). */
class StableNamesTest {

  @Test
  void identityHashesBecomeOrdinalsByFirstAppearance() {
    StableNames names = new StableNames();
    Object a = new Object();
    Object b = new Object();
    String text = a + " " + b + " " + a;
    assertThat(names.rewrite(text))
        .isEqualTo("java.lang.Object#1 java.lang.Object#2 java.lang.Object#1");
    assertThat(names.rewrite("again " + b)).isEqualTo("again java.lang.Object#2");
  }

  @Test
  void everyKindOfDefaultToStringIsCovered() {
    StableNames names = new StableNames();
    Runnable lambda = () -> {};
    Object anonymous = new Object() {};
    List<String> hostile = List.of(
        new int[0].toString(),
        new String[0][0].toString(),
        lambda.toString(),
        anonymous.toString(),
        new ReentrantLock().toString(),
        new CompletableFuture<String>().toString(),
        Thread.ofVirtual().unstarted(() -> {}).toString(),
        Thread.ofPlatform().unstarted(() -> {}).toString(),
        "java.util.concurrent.locks.ReentrantLock$NonfairSync@1b3d0e12[State = 1, empty queue]");
    for (String text : hostile) {
      String stable = names.rewrite(text);
      assertThat(stable).as(text)
          .doesNotContainPattern("@[0-9a-f]{2,8}\\b")
          .doesNotContain("/0x")
          .doesNotContainPattern("Thread\\[#\\d")
          .doesNotContainPattern("Thread-\\d");
    }
  }

  @Test
  void plainTextStaysAsItIs() {
    StableNames names = new StableNames();
    for (String text : List.of("bob@cafe", "user@host.example", "a@1", "pool-1/svc",
        "t=5 bind n0/echo", "mail me@abc123", "#3 alice/worker")) {
      assertThat(names.rewrite(text)).isEqualTo(text);
    }
  }

  @Test
  void jvmCountersInThreadNamesBecomeOrdinals() {
    StableNames names = new StableNames();
    assertThat(names.rewrite(
        "Thread-17 and pool-4-thread-2 and ForkJoinPool-3-worker-1 and Thread-17"))
        .isEqualTo("Thread-n1 and pool-n2-thread-2 and ForkJoinPool-n3-worker-1 and Thread-n1");
  }

  @Test
  void locksAreNamedByTheirLockClass() {
    StableNames names = new StableNames();
    Object sync = LockSupportProbe.syncOf(new ReentrantLock());
    assertThat(names.of(sync)).isEqualTo("ReentrantLock#1");
    assertThat(names.of(sync)).isEqualTo("ReentrantLock#1");
    assertThat(names.of(new Object())).isEqualTo("Object#1");
  }

  /** The synchronizer a thread waiting on a lock is blocked on. */
  static final class LockSupportProbe {
    static Object syncOf(ReentrantLock lock) {
      Object[] blocker = new Object[1];
      lock.lock();
      Thread waiter = Thread.ofPlatform().start(lock::lock);
      try {
        while (blocker[0] == null) {
          blocker[0] = java.util.concurrent.locks.LockSupport.getBlocker(waiter);
          Thread.onSpinWait();
        }
      } finally {
        lock.unlock();
      }
      return blocker[0];
    }
  }
}
