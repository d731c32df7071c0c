package io.steelmill.sim;

import io.steelmill.runtime.NodeId;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A task that leaves the simulation is stopped at that moment (issue 14 item 5): the same message,
 * at the same virtual time, with the same trace hash, every run. Each case runs twice (or with a
 * fresh class, for class initialization, which happens once per class loader).
 */
class EscapesTest {

  /** Runs the body twice with one seed; both runs must fail identically. Returns the message. */
  private static String failsTheSameTwice(long seed, Supplier<Simulation.Body> body) {
    List<String> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      SimResult result = Simulation.builder().seed(seed).build().run(body.get());
      assertThat(result.failure()).as("run %d of seed %d", run, seed).isNotNull();
      runs.add(result.failure().getMessage() + "\n" + result.traceSha256());
    }
    assertThat(runs.get(1)).as("message and trace hash of the second run").isEqualTo(runs.get(0));
    return runs.get(0);
  }

  @Test
  void aPlatformThreadStartedFromATaskIsStoppedAtStart() {
    String message = failsTheSameTwice(3, () -> () -> {
      Simulation sim = Simulation.current();
      Thread worker = sim.spawn(NodeId.of("n1"), "worker", () -> {
        try {
          sim.sleep(Duration.ofSeconds(2));
          CountDownLatch done = new CountDownLatch(1);
          new Thread(done::countDown).start(); // races the simulation if it starts
          done.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      worker.join();
    });
    assertThat(message)
        .startsWith("Escape: Task #1 n1/worker started a platform thread (java.lang.Thread) at ")
        .contains("EscapesTest.lambda$aPlatformThreadStartedFromATaskIsStoppedAtStart$")
        .contains("at virtual time PT2S")
        .contains("Fix: start threads with the injected Daemons");
  }

  @Test
  void platformThreadsFromTheJdkAreStoppedToo() {
    List<Simulation.Body> escapes = List.of(
        () -> Executors.newFixedThreadPool(2).submit(() -> 1).get(),
        () -> Executors.newSingleThreadScheduledExecutor().schedule(() -> 1, 1, TimeUnit.SECONDS),
        () -> new java.util.Timer("timer", true).cancel(),
        () -> Thread.ofPlatform().start(() -> { }).join(),
        () -> Executors.newCachedThreadPool().execute(() -> { }),
        () -> Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory()).submit(() -> 1),
        () -> java.util.concurrent.CompletableFuture.runAsync(() -> { },
            Executors.newSingleThreadExecutor()).join());
    for (int i = 0; i < escapes.size(); i++) {
      Simulation.Body escape = escapes.get(i);
      String message = failsTheSameTwice(10 + i, () -> () -> {
        Simulation.current().sleep(Duration.ofMillis(5));
        escape.run();
      });
      assertThat(message).as("case %d", i)
          .startsWith("Escape: Task #0 main started a platform thread (")
          .contains("EscapesTest.lambda$platformThreadsFromTheJdkAreStoppedToo$")
          .contains("at virtual time PT0.005S");
    }
  }

  @Test
  void virtualThreadsStartedFromATaskStayInside() {
    SimResult result = Simulation.builder().seed(4).build().run(() -> {
      Thread child = Thread.ofVirtual().start(() -> { });
      child.join();
      try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        assertThat(executor.submit(() -> 7).get()).isEqualTo(7);
      }
    });
    assertThat(result.failure()).isNull();
  }

  @Test
  void waitAndNotifyAreStoppedAtTheWait() {
    String message = failsTheSameTwice(5, () -> () -> {
      Simulation sim = Simulation.current();
      Object monitor = new Object();
      boolean[] ready = {false};
      sim.spawn(NodeId.of("n1"), "notifier", () -> {
        try {
          sim.sleep(Duration.ofMillis(300));
        } catch (InterruptedException e) {
          return;
        }
        synchronized (monitor) {
          ready[0] = true;
          monitor.notifyAll();
        }
      });
      sim.sleep(Duration.ofMillis(100));
      synchronized (monitor) {
        while (!ready[0]) {
          monitor.wait();
        }
      }
    });
    assertThat(message)
        .startsWith("Escape: Task #0 main called Object.wait on a java.lang.Object at ")
        .contains("EscapesTest.lambda$waitAndNotifyAreStoppedAtTheWait$")
        .contains("at virtual time PT0.1S")
        .contains("Fix: wait on a Condition of a ReentrantLock");
  }

  @Test
  void aTimedWaitIsStoppedToo() {
    String message = failsTheSameTwice(6, () -> () -> {
      Object monitor = new Object();
      synchronized (monitor) {
        monitor.wait(10);
      }
    });
    assertThat(message).startsWith("Escape: Task #0 main called Object.wait").contains("PT0S");
  }

  @Test
  void synchronizedHeldAcrossAParkIsStoppedWhenAnotherTaskBlocks() {
    String message = failsTheSameTwice(7, () -> () -> {
      Simulation sim = Simulation.current();
      Object monitor = new Object();
      Thread holder = sim.spawn(NodeId.of("n1"), "holder", () -> {
        synchronized (monitor) {
          try {
            sim.sleep(Duration.ofSeconds(5)); // parks holding the monitor
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
      sim.spawn(NodeId.of("n2"), "contender", () -> {
        try {
          sim.sleep(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
          return;
        }
        synchronized (monitor) {
          monitor.hashCode();
        }
      });
      holder.join();
    });
    assertThat(message)
        .startsWith("Escape: Task #2 n2/contender blocked entering synchronized on a"
            + " java.lang.Object at ")
        .contains("at virtual time PT1S")
        .contains("which task #1 n1/holder holds (it took it at ")
        .contains("EscapesTest.lambda$synchronizedHeldAcrossAParkIsStoppedWhenAnotherTaskBlocks$")
        .contains("Fix: use a ReentrantLock");
  }

  /** A monitor of a synchronized method, held across a park by one task, wanted by another. */
  private static final class Account {
    private final Simulation sim;

    Account(Simulation sim) {
      this.sim = sim;
    }

    synchronized void slowUpdate() throws InterruptedException {
      sim.sleep(Duration.ofMillis(500));
    }

    synchronized int balance() {
      return 1;
    }
  }

  @Test
  void synchronizedMethodsAreCaughtTheSameWay() {
    String message = failsTheSameTwice(11, () -> () -> {
      Simulation sim = Simulation.current();
      Account account = new Account(sim);
      Thread writer = sim.spawn(NodeId.of("n1"), "writer", () -> {
        try {
          account.slowUpdate();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      sim.sleep(Duration.ofMillis(100));
      account.balance();
      writer.join();
    });
    assertThat(message)
        .startsWith("Escape: Task #0 main blocked entering synchronized on a "
            + Account.class.getName() + " at ")
        .contains("EscapesTest$Account.balance(EscapesTest.java:")
        .contains("at virtual time PT0.1S")
        .contains("which task #1 n1/writer holds (it took it at ")
        .contains("EscapesTest$Account.slowUpdate(EscapesTest.java:");
  }

  @Test
  void timedWaitWithNanosIsStoppedToo() {
    String message = failsTheSameTwice(12, () -> () -> {
      Object monitor = new Object();
      synchronized (monitor) {
        monitor.wait(10, 500);
      }
    });
    assertThat(message).startsWith("Escape: Task #0 main called Object.wait on a java.lang.Object")
        .contains("EscapesTest.lambda$timedWaitWithNanosIsStoppedToo$");
  }

  /** A class whose initializer sleeps: loaded fresh for each run by {@link #freshCopy}. */
  public static final class SleepsWhileInitializing implements Supplier<Integer> {
    static final int VALUE;

    static {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      VALUE = 1;
    }

    @Override
    public Integer get() {
      return VALUE;
    }
  }

  @Test
  void sleepingInAStaticInitializerIsStoppedAtTheSleep() {
    String message = failsTheSameTwice(8, () -> {
      Class<?> fresh = freshCopy(SleepsWhileInitializing.class);
      return () -> {
        Simulation.current().sleep(Duration.ofMillis(250));
        fresh.getConstructor().newInstance();
      };
    });
    assertThat(message)
        .startsWith("Escape: Task #0 main blocked inside the static initializer of "
            + SleepsWhileInitializing.class.getName() + " at ")
        .contains("EscapesTest$SleepsWhileInitializing.<clinit>(EscapesTest.java:")
        .contains("at virtual time PT0.25S")
        .contains("Fix: no blocking");
  }

  /** Within one JVM the class stays broken: a later run says what broke it, at the same time. */
  @Test
  void aClassLeftUninitializedByAnEscapeFailsLaterRunsTheSameWay() {
    Class<?> once = freshCopy(SleepsWhileInitializing.class);
    String message = failsTheSameTwice(9, () -> () -> {
      Simulation.current().sleep(Duration.ofMillis(250));
      once.getConstructor().newInstance();
    });
    assertThat(message).startsWith("Escape: Task #0 main blocked inside the static initializer")
        .contains("at virtual time PT0.25S");
  }

  /** {@code type} defined again by a new class loader: its static initializer runs again. */
  private static Class<?> freshCopy(Class<?> type) {
    String resource = type.getName().replace('.', '/') + ".class";
    byte[] bytes;
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ClassLoader loader = new ClassLoader(type.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.equals(type.getName())) {
          synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
          }
        }
        return super.loadClass(name, resolve);
      }
    };
    try {
      return Class.forName(type.getName(), false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
