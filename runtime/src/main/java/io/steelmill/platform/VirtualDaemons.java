package io.steelmill.platform;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Production;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/** The production {@link Daemons}: virtual threads. */
@Ambient
@Daemon
@Production
public final class VirtualDaemons implements Daemons {
  public VirtualDaemons() {}

  @Override
  public Thread start(String name, Runnable body) {
    return Thread.ofVirtual().name(name).start(body);
  }

  @Override
  public ThreadFactory threadFactory(String prefix) {
    return Thread.ofVirtual().name(prefix + "-", 0).factory();
  }

  @Override
  public ExecutorService executor(String name) {
    return Executors.newThreadPerTaskExecutor(threadFactory(name));
  }
}
