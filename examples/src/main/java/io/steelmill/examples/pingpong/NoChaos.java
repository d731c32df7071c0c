package io.steelmill.examples.pingpong;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Production;

/** Production: the real network brings its own faults. */
@Ambient
@Daemon
@Production
public final class NoChaos implements NetworkChaos {
  NoChaos() {}

  @Override
  public String summary() {
    return "no injected faults";
  }
}
