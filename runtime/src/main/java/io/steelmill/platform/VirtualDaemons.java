package io.steelmill.platform;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Production;
import io.steelmill.runtime.internal.NodeContext;
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
    return Thread.ofVirtual().name(name).start(onThisNode(body));
  }

  @Override
  public ThreadFactory threadFactory(String prefix) {
    ThreadFactory virtual = Thread.ofVirtual().name(prefix + "-", 0).factory();
    String node = NodeContext.current();
    return body -> virtual.newThread(onNode(node, body));
  }

  /** Threads a daemon starts work for its node: they see the same {@link NodeContext}. */
  private static Runnable onThisNode(Runnable body) {
    return onNode(NodeContext.current(), body);
  }

  private static Runnable onNode(String node, Runnable body) {
    if (node == null) {
      return body;
    }
    return () -> {
      NodeContext.enter(node);
      body.run();
    };
  }

  @Override
  public ExecutorService executor(String name) {
    return Executors.newThreadPerTaskExecutor(threadFactory(name));
  }
}
