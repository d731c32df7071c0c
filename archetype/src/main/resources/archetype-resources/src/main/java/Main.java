package ${package};

import java.time.Duration;

/** Runs one production node for a few seconds (the first argument, default 3) and reports. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    Duration length = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 3);
    SteelmillApp node = SteelmillApp.create("main");
    Monitor monitor = node.monitor();
    node.heartbeat();
    try (node) {
      node.start();
      node.awaitTermination(length);
    }
    System.out.println("heartbeats: " + monitor.beats());
  }
}
