package io.steelmill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signal while a run's scope ends: the shutdown hook ({@link OnExit#closeAll}, called here as
 * the JVM would) and the run's own close reach the same resource at once. It is closed once, and
 * the folders a run made are removed by one thread, without errors. Latches order the two threads;
 * their one-minute bounds only keep a broken build from hanging.
 */
class OnExitTest {
  @TempDir Path temp;

  private static FutureTask<Void> inThread(String name, Callable call) {
    FutureTask<Void> task = new FutureTask<>(() -> {
      call.call();
      return null;
    });
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  /** A call that may throw anything. */
  private interface Callable {
    void call() throws Exception;
  }

  @Test
  void aResourceTheHookAndItsScopeCloseAtOnceIsClosedOnceAndTheScopeWaitsForIt()
      throws Exception {
    AtomicInteger closes = new AtomicInteger();
    CountDownLatch closing = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    OnExit.Registration registration = OnExit.register("a test resource", () -> {
      closes.incrementAndGet();
      closing.countDown();
      assertThat(finish.await(1, TimeUnit.MINUTES)).isTrue();
    });
    FutureTask<Void> hook = inThread("test-on-exit", OnExit::closeAll);
    try {
      assertThat(closing.await(1, TimeUnit.MINUTES)).as("the hook began closing").isTrue();
      AtomicReference<Thread> scopeThread = new AtomicReference<>();
      FutureTask<Void> scope = inThread("test-scope", () -> {
        scopeThread.set(Thread.currentThread());
        registration.close();
      });
      while (scopeThread.get() == null || (scopeThread.get().getState() != Thread.State.WAITING
          && !scope.isDone())) {
        Thread.onSpinWait(); // until the scope's close waits for the hook's (or returned)
      }
      assertThat(scope.isDone()).as("the scope's close returned while the hook closed").isFalse();
      finish.countDown();
      scope.get(1, TimeUnit.MINUTES);
      hook.get(1, TimeUnit.MINUTES);
    } finally {
      finish.countDown();
    }
    assertThat(closes).hasValue(1);
    registration.close(); // a second close of the scope does nothing either
    assertThat(closes).hasValue(1);
  }

  @Test
  void aRegistrationClosedByItsScopeIsNotClosedAgainByTheHook() throws Exception {
    AtomicInteger closes = new AtomicInteger();
    OnExit.Registration registration = OnExit.register("a test resource", closes::incrementAndGet);
    registration.close();
    OnExit.closeAll();
    assertThat(closes).hasValue(1);
  }

  @Test
  void aFolderRemovedTwiceAtOnceIsRemovedWithoutAnError() throws Exception {
    Path root = Files.createDirectories(temp.resolve("replicas"));
    for (String node : new String[] {"n0", "n1", "n2"}) {
      Path dir = Files.createDirectories(root.resolve(node));
      Files.writeString(dir.resolve("log"), "x");
      Files.writeString(dir.resolve("state"), "y");
    }
    // the other deleter removes the whole tree as this one is about to delete its first file
    AtomicInteger calls = new AtomicInteger();
    Folders.deleteTree(root, path -> {
      if (calls.getAndIncrement() == 0) {
        try {
          Folders.deleteTree(root);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    });
    assertThat(root).doesNotExist();
    Folders.deleteTree(root); // gone already: nothing to do
  }
}
