package io.steelmill.probe;

import io.steelmill.simagent.SimAgent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Run in a fresh JVM by {@code SelectiveInstallTest} (outside the agent's package, whose classes
 * the agent never rewrites): uses a class that reads a clock, one that
 * reads none and a JDK timed wait before the agent is there, installs it, then makes the clock
 * virtual and prints what the first class reads.
 */
public final class InstallProbe {
  public static final long VIRTUAL = 42_000_000_042L;

  /** Reads the monotonic clock, and is loaded before the agent. */
  public static final class ClockReader {
    public static long read() {
      return System.nanoTime();
    }
  }

  /** Reads no clock, and is loaded before the agent. */
  public static final class Bystander {
    public static int answer() {
      return 42;
    }
  }

  private InstallProbe() {}

  public static void main(String[] arguments) throws Exception {
    ClockReader.read();
    Bystander.answer();
    ReentrantLock lock = new ReentrantLock();
    lock.lock();
    try {
      lock.newCondition().await(1, TimeUnit.NANOSECONDS); // the JDK's timed wait, loaded now
    } finally {
      lock.unlock();
    }
    System.out.println("install failure: " + SimAgent.ensureInstalled());
    Class.forName("java.lang.SteelmillVirtualClock", false, null)
        .getMethod("install", LongSupplier.class, LongSupplier.class, BiConsumer.class)
        .invoke(null, (LongSupplier) () -> VIRTUAL, (LongSupplier) () -> VIRTUAL, null);
    System.out.println("clock reader reads: " + ClockReader.read());
    System.out.println("bystander answers: " + Bystander.answer());
  }
}
