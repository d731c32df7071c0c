package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The production build: a real node, the system clock, the logging alarm. */
class AppTest {

  @Test
  void theMonitorHearsTheHeartbeat() throws Exception {
    SteelmillApp node = SteelmillApp.create("test");
    Monitor monitor = node.monitor();
    node.heartbeat();
    try (node) {
      node.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (monitor.beats() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }
    assertThat(monitor.beats()).isGreaterThanOrEqualTo(3);
    assertThat(node.failure()).isEmpty();
  }

  @Test
  void onlyWhatIsAskedForIsBuilt() {
    SteelmillApp node = SteelmillApp.create("test");
    assertThat(node.alarm()).isInstanceOf(LogAlarm.class);
    assertThat(node.builtDaemons()).doesNotContain("Heartbeat", "Monitor");
    node.close();
  }
}
