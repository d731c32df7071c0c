package io.steelmill.zookeeper;

import java.time.Duration;

/**
 * Where the ensemble is and how patient to be: {@code connectString} is {@code host:port[,...]};
 * the session timeout bounds how long a lease survives a holder that stopped talking; the connect
 * timeout bounds how long {@code prepare()} waits for the ensemble, and how far past its {@code
 * maxWait} a lease request may run when the connection drops under it.
 *
 * <p>Checked when made, so a mistake is one line naming the setting: both timeouts from 1 ms to
 * 1 day (ZooKeeper counts milliseconds in an {@code int}; past a day is a unit mistake), a connect
 * string {@code host[:port][,host[:port]...][/chroot]} with no whitespace or control character
 * (empty servers are left out, as ZooKeeper leaves them out), ports from 1 to 65535, an IPv6
 * address in brackets and a chroot ZooKeeper accepts as a path (a bad one failed only in {@code
 * prepare()}, in ZooKeeper's words).
 */
public record ZooKeeperConfig(String connectString, Duration sessionTimeout, Duration connectTimeout) {
  private static final Duration LONGEST = Duration.ofDays(1);

  public ZooKeeperConfig {
    String problem = connectString == null || connectString.isBlank()
        || connectString.codePoints().anyMatch(c -> Character.isWhitespace(c)
            || Character.isISOControl(c) || Character.isSpaceChar(c))
        ? "it is blank or holds a space or control character" : problem(connectString);
    if (problem != null) {
      throw new IllegalArgumentException("ZooKeeperConfig: connect string "
          + io.steelmill.platform.Names.quoted(connectString)
          + " is no ensemble address (" + problem + "). Fix: give host:port[,host:port...]"
          + "[/chroot], e.g. 127.0.0.1:2181");
    }
    check("sessionTimeout", sessionTimeout);
    check("connectTimeout", connectTimeout);
  }

  /** Reasonable timeouts for {@code connectString}: 6 s session, 5 s to connect. */
  public static ZooKeeperConfig of(String connectString) {
    return new ZooKeeperConfig(connectString, Duration.ofSeconds(6), Duration.ofSeconds(5));
  }

  /** What is wrong with a connect string, or null. */
  private static String problem(String connect) {
    String servers = connect;
    int slash = connect.indexOf('/');
    if (slash >= 0) {
      String chroot = connect.substring(slash);
      if (chroot.length() > 1) {
        try {
          org.apache.zookeeper.common.PathUtils.validatePath(chroot);
        } catch (IllegalArgumentException e) {
          return "the chroot " + chroot + ": " + e.getMessage();
        }
      }
      servers = connect.substring(0, slash);
    }
    // empty servers left out, as ZooKeeper's own parser leaves them out: "a:1," and "a:1,,b:2"
    // work there, so they are no mistake here
    java.util.List<String> list = new java.util.ArrayList<>();
    for (String server : servers.split(",")) {
      if (!server.isEmpty()) {
        list.add(server);
      }
    }
    if (list.isEmpty()) {
      return "no server";
    }
    for (String server : list) {
      String port = null;
      String host = server;
      if (server.startsWith("[")) {
        int close = server.indexOf(']');
        if (close < 0 || (close + 1 < server.length() && server.charAt(close + 1) != ':')) {
          return "\"" + server + "\" is not [IPv6 address]:port";
        }
        host = server.substring(1, close);
        port = close + 1 < server.length() ? server.substring(close + 2) : null;
      } else if (server.indexOf(':') >= 0) {
        if (server.indexOf(':') != server.lastIndexOf(':')) {
          return "\"" + server + "\": write an IPv6 address in brackets, [::1]:2181";
        }
        host = server.substring(0, server.indexOf(':'));
        port = server.substring(server.indexOf(':') + 1);
      }
      if (host.isEmpty()) {
        return "\"" + server + "\" has no host";
      }
      if (port != null && (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1
          || Integer.parseInt(port) > 65535)) {
        return "\"" + server + "\": a port runs from 1 to 65535";
      }
    }
    return null;
  }

  private static void check(String name, Duration timeout) {
    if (timeout == null || timeout.compareTo(Duration.ofMillis(1)) < 0
        || timeout.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException("ZooKeeperConfig: " + name + " " + timeout
          + " is out of range. Fix: give from 1ms to 1 day, e.g. Duration.ofSeconds(6)");
    }
  }
}
