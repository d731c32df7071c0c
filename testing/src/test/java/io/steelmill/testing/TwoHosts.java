package io.steelmill.testing;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Factory;
import io.steelmill.runtime.Lifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** The crate's two-host hello world: each host signs one shared guest book. */
@Factory
public interface TwoHosts {
  Greeter greeter();

  @Ambient
  @Daemon
  final class GuestBook {
    private final List<String> guests = new ArrayList<>();

    GuestBook() {}

    synchronized void sign(String guest) {
      guests.add(guest);
    }

    synchronized List<String> guests() {
      return List.copyOf(guests);
    }
  }

  /** Signs in run(); fails there instead when its host is called "mallory". */
  @Daemon
  final class Greeter implements Lifecycle {
    final GuestBook book;
    final CountDownLatch signed = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    volatile String host;

    Greeter(GuestBook book) {
      this.book = book;
    }

    @Override
    public void run() throws InterruptedException {
      if ("mallory".equals(host)) {
        throw new IllegalStateException("mallory refuses to sign");
      }
      book.sign(host);
      signed.countDown();
      stopped.await();
    }

    @Override
    public void stop() {
      stopped.countDown();
    }
  }
}
