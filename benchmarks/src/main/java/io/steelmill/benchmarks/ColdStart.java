package io.steelmill.benchmarks;

import io.steelmill.benchmarks.graph.n1000.Contenders1000;
import java.time.Duration;
import java.time.Instant;

/**
 * One cold measurement, in a fresh JVM: {@code ColdStart <contender>} builds the N=1000 graph
 * once and prints {@code <first build ns> <process start to built ns>}. The benchmark script runs
 * it many times per contender; nothing here is warm.
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) {
    long begin = System.nanoTime();
    Object graph = switch (args[0]) {
      case "handWritten" -> Contenders1000.handWritten();
      case "steelmill" -> Contenders1000.steelmill();
      case "dagger" -> Contenders1000.dagger();
      case "guice" -> Contenders1000.guice();
      case "avaje" -> AvajeGraphs.graph(1000);
      default -> throw new IllegalArgumentException("no contender " + args[0]);
    };
    long firstBuild = System.nanoTime() - begin;
    Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
    long sinceStart = Duration.between(started, Instant.now()).toNanos();
    System.out.println(firstBuild + " " + sinceStart + " " + (graph == null ? "" : "built"));
  }
}
