package io.steelmill.sim;

import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small cluster in plain blocking Java: each node has a server draining its mailbox and a
 * client that sleeps a random virtual time and pings a random peer. Uses queues, locks and the
 * simulation's clock and randomness; nothing else.
 */
final class Workload {
  private Workload() {}

  /** Runs {@code nodes} nodes until {@code messages} were delivered; returns the count. */
  static int run(int nodes, int messages) throws InterruptedException {
    Simulation sim = Simulation.current();
    List<LinkedBlockingQueue<String>> mailboxes = new ArrayList<>();
    ReentrantLock lock = new ReentrantLock();
    int[] delivered = {0};
    for (int n = 0; n < nodes; n++) {
      mailboxes.add(new LinkedBlockingQueue<>());
    }
    List<Thread> threads = new ArrayList<>();
    for (int n = 0; n < nodes; n++) {
      int self = n;
      threads.add(sim.spawn(NodeId.of("node" + n), "server", () -> {
        try {
          while (true) {
            String message = mailboxes.get(self).take();
            lock.lock();
            try {
              delivered[0]++;
            } finally {
              lock.unlock();
            }
            sim.trace("node" + self + " got " + message);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      SplitMix64 random = sim.random("client/" + n);
      threads.add(sim.spawn(NodeId.of("node" + n), "client", () -> {
        try {
          for (int i = 0; ; i++) {
            sim.sleep(Duration.ofNanos(100_000L + random.nextInt(5_000_000)));
            mailboxes.get(random.nextInt(nodes)).put("ping " + self + "." + i);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    while (true) {
      lock.lock();
      try {
        if (delivered[0] >= messages) {
          break;
        }
      } finally {
        lock.unlock();
      }
      sim.sleep(Duration.ofMillis(1));
    }
    for (Thread thread : threads) {
      thread.interrupt();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return delivered[0];
  }

  /** The same, as a fresh JVM would run it: prints the trace hash of {@code args[0]}'s seed. */
  public static void main(String[] args) {
    SimResult result = Simulation.builder().seed(Long.parseLong(args[0])).build()
        .run(() -> run(5, 2_000));
    System.out.println(result.traceSha256());
  }

}
