package io.steelmill.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A node that runs out of file descriptors, run by {@link TcpFdExhaustionTest} in a child JVM
 * whose limit was lowered: it listens, opens {@code /dev/null} until the limit is hit, and on
 * {@code measure} reports how often its accept failed in two seconds and the CPU it used; on
 * {@code free} it releases the descriptors so accepting can resume.
 */
public final class TcpFdExhaustionTarget {
  private TcpFdExhaustionTarget() {}

  public static void main(String[] args) throws Exception {
    NetworkConfig config = NetworkConfig.loopback().withLimits(TcpLimits.defaults()
        .withAcceptBackoff(Duration.ofMillis(200), Duration.ofSeconds(10)));
    TcpNetwork network = new TcpNetwork(config);
    int port = network.listenAddress("server").getPort();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    // load now what is used later: loading a class from the class path needs a descriptor
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    os.getProcessCpuTime();
    System.out.print(network.stats().toString().isEmpty() ? "?" : "");
    List<FileChannel> hogs = new ArrayList<>();
    String exhausted = "none";
    try {
      while (hogs.size() < 200_000) {
        hogs.add(FileChannel.open(Path.of("/dev/null")));
      }
    } catch (IOException e) {
      exhausted = e.getMessage();
    }
    System.out.println("port " + port + " secret " + config.secret().toBase64() + " hogs "
        + hogs.size() + " exhausted " + exhausted);
    System.out.flush();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("measure")) {
        long failures = network.stats().acceptFailures();
        long cpu = os.getProcessCpuTime();
        Thread.sleep(2_000);
        System.out.println("failures " + (network.stats().acceptFailures() - failures)
            + " cpuMillis " + (os.getProcessCpuTime() - cpu) / 1_000_000);
      } else if (line.equals("free")) {
        for (FileChannel hog : hogs) {
          hog.close();
        }
        hogs.clear();
        System.out.println("freed");
      } else if (line.equals("stats")) {
        System.out.println(network.stats());
      }
      System.out.flush();
    }
    network.stop();
  }
}
