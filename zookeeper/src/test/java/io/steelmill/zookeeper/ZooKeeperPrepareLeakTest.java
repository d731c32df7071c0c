package io.steelmill.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.steelmill.platform.SystemClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A node stopped while its ZooKeeper lease service prepares: the node's grace period interrupts
 * {@code prepare()}, which waits for a connection. The Curator client it had started was left
 * running: its ZooKeeper threads retried the unreachable ensemble for the life of the process,
 * one pair per node ever stopped so. Now an interrupted or failed {@code prepare()} closes what it
 * started. The "ensemble" is a real listening socket that never answers (a server that hangs).
 */
class ZooKeeperPrepareLeakTest {
  @Test
  void anInterruptedPrepareLeavesNoZooKeeperThreadsBehind() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String connect = "127.0.0.1:" + silent.getLocalPort();
      ZooKeeperLeaseService service = new ZooKeeperLeaseService(
          new ZooKeeperConfig(connect, Duration.ofSeconds(30), Duration.ofSeconds(60)),
          new SystemClock());
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      CountDownLatch preparing = new CountDownLatch(1);
      Thread preparer = new Thread(() -> {
        preparing.countDown();
        thrown.set(catchThrowable(service::prepare));
      }, "preparer");
      preparer.start();
      preparing.await();
      awaitThreadsOf(connect, true);
      preparer.interrupt();
      preparer.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(preparer.isAlive()).as("prepare() returned").isFalse();
      assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
      awaitThreadsOf(connect, false);
      service.stop();
    }
  }

  /** Waits (at most a minute) until ZooKeeper client threads for {@code connect} exist or not. */
  private static void awaitThreadsOf(String connect, boolean exist) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      List<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
          .filter(name -> name.contains(connect)).toList();
      if (threads.isEmpty() != exist) {
        return;
      }
      assertThat(System.nanoTime() - end).as("ZooKeeper threads for %s: %s", connect, threads)
          .isNegative();
      Thread.sleep(20);
    }
  }
}
