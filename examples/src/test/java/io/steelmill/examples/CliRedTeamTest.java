package io.steelmill.examples;

import static io.steelmill.examples.CliHostileTest.assertNoStackTrace;
import static io.steelmill.examples.CliHostileTest.child;
import static io.steelmill.examples.CliHostileTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.CliHostileTest.Result;
import io.steelmill.examples.cluster.SteelmillStoreHost;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A second battery of bad command lines, of the kinds {@link CliHostileTest} does not cover:
 * every numeric option overflowing, odd duration syntaxes, duplicated and conflicting options, a
 * missing subcommand, more malformed ZooKeeper addresses, the wrong build, and a port that
 * accepts connections but is not ZooKeeper. Each is one line on stderr, the right exit code and
 * never a stack trace; none ends in a false "violations: 0".
 */
class CliRedTeamTest {
  private static final boolean SIMULATION = "simulation".equals(SteelmillStoreHost.MODE);

  /** Argument vectors that are user mistakes, with a fragment the message must contain. */
  private static List<String[]> mistakes() {
    List<String[]> cases = new ArrayList<>();
    String huge = "9999999999999999999";
    for (String[] option : List.of(new String[] {"cluster", "simulate", "--nodes"},
        new String[] {"cluster", "simulate", "--seeds"},
        new String[] {"cluster", "simulate", "--seed"}, new String[] {"cluster", "run", "--nodes"},
        new String[] {"cluster", "run", "--writes"}, new String[] {"pingpong", "--nodes"},
        new String[] {"pingpong", "--seed"}, new String[] {"pingpong", "--warmup"})) {
      for (String value : List.of(huge, "-" + huge, "0x10", " 5", "5 ", "1_000", "NaN", "")) {
        List<String> args = new ArrayList<>(List.of(option));
        args.add(value);
        cases.add(with(option[option.length - 1], args));
      }
      List<String> twice = new ArrayList<>(List.of(option));
      twice.addAll(List.of("3", option[option.length - 1], "4"));
      cases.add(with("should be specified only once", twice));
    }
    for (String[] command : List.of(new String[] {"cluster", "simulate"},
        new String[] {"pingpong"})) {
      for (String virtual : List.of("1h2m", "5", "5 s", "1e3s", "0s", "PT0S", "-PT5S",
          "P2D", "PT0.5S", "500ms", "1us", "5sec", "five", "+-5s", "\u0665s", "PT5S5S")) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--virtual", virtual));
        cases.add(with("--virtual", args));
      }
      List<String> unknown = new ArrayList<>(List.of(command));
      unknown.add("--seeds=5=6");
      cases.add(with("--seeds", unknown)); // both commands sweep seeds
    }
    // the sweep options, one mixin for both commands: checked before any seed runs
    cases.add(new String[] {"--shard splits a sweep", "pingpong", "--shard", "0/2"});
    cases.add(new String[] {"--report-dir records a sweep", "pingpong", "--report-dir",
        "target/never"});
    cases.add(new String[] {"--report-dir records a sweep", "cluster", "simulate", "--seed", "1",
        "--report-dir", "target/never"});
    cases.add(new String[] {"--report-dir: cannot create", "cluster", "simulate", "--seeds", "2",
        "--report-dir", "pom.xml/reports"});
    cases.add(new String[] {"--jobs", "pingpong", "--seeds", "2", "--jobs", "0"});
    cases.add(new String[] {"give only one", "cluster", "simulate", "--seed", "1", "--seeds",
        "5"});
    // an option of the other mode is a mistake too, never silently ignored
    cases.add(new String[] {"give only one", "pingpong", "--seeds", "3", "--seed", "7"});
    cases.add(new String[] {"give only one", "pingpong", "--seed", "-1", "--seeds", "1"});
    cases.add(new String[] {"--warmup measures one seed", "pingpong", "--seeds", "3", "--warmup",
        "2"});
    cases.add(new String[] {"--jobs runs a sweep", "pingpong", "--jobs", "2"});
    cases.add(new String[] {"--jobs runs a sweep", "cluster", "simulate", "--seed", "1", "--jobs",
        "2"});
    cases.add(new String[] {"--keep-going runs a sweep", "cluster", "simulate", "--seed", "1",
        "--keep-going"});
    cases.add(new String[] {"needs a file name", "cluster", "simulate", "--seed", "1", "--trace",
        ""});
    cases.add(new String[] {"Unknown option", "cluster", "run", "--unfenced"});
    cases.add(new String[] {"Unknown option", "cluster", "run", "--seed", "1"});
    cases.add(new String[] {"Unknown option", "hello", "--nodes", "3"});
    cases.add(new String[] {"missing subcommand"});
    cases.add(new String[] {"missing subcommand", "cluster"});
    cases.add(new String[] {"missing subcommand", "--log-format", "text"});
    for (String zookeeper : List.of(":", "host:", "host:99999", "host:65536", "a,b", " ",
        "[::1]", "[zz]:1", "host:1/", "host:1,,host:2", "host:1 ,host:2", "host :1",
        "host:1:2", "ho_st:1", "host:+1", "host:0x10", "127.0.0.1:１", "h\u00e9:1",
        "host:1/../x", "host:1/a/", "127.0.0.1:2181;rm")) {
      cases.add(new String[] {"--zookeeper", "cluster", "run", "--zookeeper", zookeeper});
    }
    for (String daemon : List.of(" alice", "alice,bob", "ALICE ", "\u0430lice")) {
      cases.add(new String[] {"--daemon", "hello", "--daemon", daemon});
    }
    return cases;
  }

  private static String[] with(String fragment, List<String> args) {
    List<String> vector = new ArrayList<>();
    vector.add(fragment);
    vector.addAll(args);
    return vector.toArray(String[]::new);
  }

  @Test
  void everyMistakeIsOneLineExitCodeTwoAndNeverAFalseResult() {
    List<String[]> cases = mistakes();
    for (String[] vector : cases) {
      String[] args = java.util.Arrays.copyOfRange(vector, 1, vector.length);
      Result result = run(args);
      String label = "[" + String.join("|", args) + "]\nout: " + result.out() + "\nerr: "
          + result.err();
      assertThat(result.code()).as(label).isEqualTo(Cli.USAGE);
      assertThat(result.err().lines().toList()).as(label).hasSize(1);
      assertThat(result.err()).as(label).contains(vector[0]).contains("(see --help)");
      assertThat(result.out()).as(label).doesNotContain("violations");
      assertNoStackTrace(result, label);
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(130);
  }

  @Test
  void aCommandOfTheOtherBuildIsOneLineOnStderrAndExitCodeTwo() {
    String[] other = SIMULATION ? new String[] {"cluster", "run"}
        : new String[] {"cluster", "simulate", "--seed", "1"};
    for (String[] args : List.of(other, SIMULATION ? new String[] {"cluster", "run", "--nodes",
        "2"} : new String[] {"pingpong"})) {
      Result result = run(args);
      String label = String.join(" ", args) + "\nout: " + result.out() + "\nerr: " + result.err();
      assertThat(result.code()).as(label).isEqualTo(Cli.USAGE);
      assertThat(result.out()).as(label).isEmpty();
      assertThat(result.err().lines().toList()).as(label).hasSize(1);
      assertThat(result.err()).as(label).contains("build");
    }
  }

  /**
   * A port that accepts connections but is not ZooKeeper (a silent server here): the CLI tries a
   * real ZooKeeper session before starting any node, so the user gets one line and exit code 1,
   * not a node's failure log with a stack trace.
   */
  @Test
  void aPortThatIsNotZooKeeperIsOneLineAndExitCodeOne() throws Exception {
    if (SIMULATION) {
      return; // cluster run is refused before any connection in the simulation build
    }
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new ArrayList<>();
      Thread acceptor = Thread.ofVirtual().start(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (java.io.IOException e) {
          // closed
        }
      });
      String address = "127.0.0.1:" + silent.getLocalPort();
      Result result = child("cluster", "run", "--nodes", "2", "--writes", "1", "--zookeeper",
          address);
      String label = "out: " + result.out() + "\nerr: " + result.err();
      assertThat(result.code()).as(label).isEqualTo(Cli.FAILURE);
      assertThat(result.err().lines().toList()).as(label).hasSize(1);
      assertThat(result.err()).as(label).contains("cannot reach ZooKeeper at " + address)
          .contains("tried for 5 s").contains("no ZooKeeper session");
      assertThat(result.out()).as(label).doesNotContain("acknowledged");
      assertNoStackTrace(result, label);
      silent.close();
      acceptor.join();
      held.forEach(s -> {
        try {
          s.close();
        } catch (java.io.IOException e) {
          // closing anyway
        }
      });
    }
  }

  /**
   * Progress asks about stderr itself, where it writes: {@code 2> log} with stdin and stdout on a
   * terminal still gets plain lines. (The test JVM's stderr is a pipe to the build.)
   */
  @Test
  void progressRedrawsOnlyWhenStderrItselfIsATerminal() {
    for (String tty : List.of("/dev/pts/0", "/dev/pts/17", "/dev/tty1", "/dev/ttyS0",
        "/dev/console")) {
      assertThat(Progress.isTerminalDevice(tty)).as(tty).isTrue();
    }
    for (String other : List.of("pipe:[4711]", "socket:[99]", "/tmp/run.log", "/dev/null",
        "/dev/pts", "/home/u/dev/pts/1", "anon_inode:[eventfd]")) {
      assertThat(Progress.isTerminalDevice(other)).as(other).isFalse();
    }
    assertThat(Progress.isTerminal()).as("stderr of a forked test JVM").isFalse();
  }
}
