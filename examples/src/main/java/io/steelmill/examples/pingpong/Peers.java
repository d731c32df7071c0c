package io.steelmill.examples.pingpong;

import io.steelmill.platform.RandomSource;
import java.util.List;

/** The hosts of the cluster, handed to each node with {@code inject}. */
public record Peers(List<String> names) {
  /** A random host other than {@code self}. */
  public String other(RandomSource random, String self) {
    while (true) {
      String peer = names.get(random.nextInt(names.size()));
      if (!peer.equals(self) || names.size() == 1) {
        return peer;
      }
    }
  }
}
