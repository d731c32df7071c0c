package io.steelmill.zookeeper;

import java.time.Duration;

/**
 * Where the ensemble is and how patient to be: {@code connectString} is {@code host:port[,...]};
 * the session timeout bounds how long a lease survives a holder that stopped talking.
 */
public record ZooKeeperConfig(String connectString, Duration sessionTimeout, Duration connectTimeout) {
  /** Reasonable timeouts for {@code connectString}: 6 s session, 5 s to connect. */
  public static ZooKeeperConfig of(String connectString) {
    return new ZooKeeperConfig(connectString, Duration.ofSeconds(6), Duration.ofSeconds(5));
  }
}
