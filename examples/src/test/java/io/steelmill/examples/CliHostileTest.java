package io.steelmill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.cluster.SteelmillStoreHost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A battery of bad command lines: every one ends in exit code 2 and one line on stderr naming the
 * mistake, before anything runs; environment failures end in exit code 1 and one line naming
 * what was tried and for how long; never a stack trace. Runs in both builds.
 */
class CliHostileTest {
  private static final boolean SIMULATION = "simulation".equals(SteelmillStoreHost.MODE);

  record Result(int code, String out, String err) {}

  @TempDir Path temp;

  static Result run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    try {
      int code = Main.execute(args);
      return new Result(code, outBytes.toString(StandardCharsets.UTF_8),
          errBytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  /** Argument vectors that are user mistakes, with a fragment the message must contain. */
  private List<String[]> mistakes() throws Exception {
    Path folder = Files.createDirectory(temp.resolve("folder"));
    String missing = temp.resolve("missing").resolve("trace.txt").toString();
    List<String[]> cases = new ArrayList<>();
    for (String nodes : List.of("0", "-3", "100000", "33", "2147483648", "abc", "", "1.5")) {
      cases.add(new String[] {"--nodes", "cluster", "simulate", "--nodes", nodes});
    }
    for (String seeds : List.of("-1", "0", "1000001", "x", "")) {
      cases.add(new String[] {"--seeds", "cluster", "simulate", "--seeds", seeds});
    }
    for (String virtual : List.of("banana", "-5s", "0s", "0ms", "5x", "2h", "PT-5S", "", "s",
        "ms", "999999999999999999h", "500ms", "10 s", "1e3s", "PT")) {
      cases.add(new String[] {"--virtual", "cluster", "simulate", "--virtual", virtual});
    }
    cases.add(new String[] {"does not exist", "cluster", "simulate", "--seed", "1", "--trace",
        missing});
    cases.add(new String[] {"is a directory", "cluster", "simulate", "--seed", "1", "--trace",
        folder.toString()});
    cases.add(new String[] {"cannot be written", "cluster", "simulate", "--seed", "1", "--trace",
        "/proc/self/newfile"});
    cases.add(new String[] {"add --seed", "cluster", "simulate", "--trace",
        temp.resolve("t.txt").toString()});
    cases.add(new String[] {"--seed", "cluster", "simulate", "--seed", "abc"});
    cases.add(new String[] {"Unknown option", "cluster", "simulate", "--bogus"});
    cases.add(new String[] {"Unmatched argument", "cluster", "simulate", "extra"});
    for (String store : List.of("", "raft", "Replicated", "replicated ", "fenced,replicated")) {
      cases.add(new String[] {"--store", "cluster", "simulate", "--store", store});
      cases.add(new String[] {"--store", "cluster", "run", "--store", store});
    }
    for (String bug : List.of("", "stale_read", "STALE-READ", "stale-term,early-ack")) {
      cases.add(new String[] {"--bug", "cluster", "simulate", "--store", "replicated", "--bug",
          bug});
    }
    cases.add(new String[] {"--bug stale-term needs the replicated store", "cluster", "simulate",
        "--bug", "stale-term"});
    cases.add(new String[] {"--unfenced is an option of the fenced store", "cluster", "simulate",
        "--store", "replicated", "--unfenced"});
    for (String nodes : List.of("1", "0", "-3", "17", "100000", "many")) {
      cases.add(new String[] {"--nodes", "cluster", "run", "--nodes", nodes});
    }
    for (String writes : List.of("-5", "0", "100001", "lots")) {
      cases.add(new String[] {"--writes", "cluster", "run", "--writes", writes});
    }
    for (String zookeeper : List.of("", "nohostport", "127.0.0.1:99999", "127.0.0.1:0",
        "host:port", ":2181", "a b:1", "127.0.0.1:1/..", "127.0.0.1:-1", "127.0.0.1:1,",
        "-host:1", "[::1:1", "127.0.0.1:1/a//b")) {
      cases.add(new String[] {"--zookeeper", "cluster", "run", "--zookeeper", zookeeper});
    }
    for (String nodes : List.of("0", "1", "-3", "100000")) {
      cases.add(new String[] {"--nodes", "pingpong", "--nodes", nodes});
    }
    for (String virtual : List.of("banana", "-5s", "25h", "0m", "PT25H", "1d", "1h1m")) {
      cases.add(new String[] {"--virtual", "pingpong", "--virtual", virtual});
    }
    for (String warmup : List.of("-1", "101")) {
      cases.add(new String[] {"--warmup", "pingpong", "--warmup", warmup});
    }
    cases.add(new String[] {"--seed", "pingpong", "--seed", "x"});
    for (String daemon : List.of("carol", "", "../x", "alice\nbob")) {
      cases.add(new String[] {"--daemon", "hello", "--daemon", daemon});
    }
    cases.add(new String[] {"--log-format", "--log-format", "xml", "hello"});
    cases.add(new String[] {"Unmatched argument", "nosuch"});
    cases.add(new String[] {"Unknown option", "--bogus"});
    cases.add(new String[] {"Unmatched argument", "cluster", "nosuch"});
    cases.add(new String[] {"Missing required parameter", "cluster", "run", "--nodes"});
    return cases;
  }

  @Test
  void everyUserMistakeIsOneLineAndExitCodeTwo() throws Exception {
    List<String[]> cases = mistakes();
    for (String[] vector : cases) {
      String[] args = java.util.Arrays.copyOfRange(vector, 1, vector.length);
      Result result = run(args);
      String label = String.join(" ", args) + "\nout: " + result.out() + "\nerr: " + result.err();
      assertThat(result.code()).as(label).isEqualTo(Cli.USAGE);
      assertThat(result.err().lines().toList()).as(label).hasSize(1);
      assertThat(result.err()).as(label).contains(vector[0]).contains("(see --help)");
      assertNoStackTrace(result, label);
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(80);
  }

  @Test
  void anUnreachableZooKeeperIsOneLineNamingWhatWasTriedAndExitCodeOne() {
    for (String zookeeper : List.of("127.0.0.1:1", "127.0.0.1:1,127.0.0.1:2/chroot",
        "nosuchhost.invalid:2181")) {
      Result result = run("cluster", "run", "--zookeeper", zookeeper);
      String label = zookeeper + "\nout: " + result.out() + "\nerr: " + result.err();
      assertNoStackTrace(result, label);
      if (SIMULATION) {
        assertThat(result.code()).as(label).isEqualTo(Cli.USAGE);
        continue;
      }
      assertThat(result.code()).as(label).isEqualTo(Cli.FAILURE);
      assertThat(result.err().lines().toList()).as(label).hasSize(1);
      assertThat(result.err()).as(label)
          .contains("cannot reach ZooKeeper at " + zookeeper)
          .contains("tried for 5 s");
    }
  }

  @Test
  void versionAndHelpOnEveryCommand() {
    Result version = run("--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).containsPattern("steelmill-examples \\d+\\.\\d+\\.\\d+")
        .contains(SIMULATION ? "simulation build" : "production build");
    for (String[] command : List.of(new String[] {}, new String[] {"hello"},
        new String[] {"pingpong"}, new String[] {"cluster"}, new String[] {"cluster", "run"},
        new String[] {"cluster", "simulate"})) {
      for (String flag : List.of("--help", "-h")) {
        List<String> args = new ArrayList<>(List.of(command));
        args.add(flag);
        Result help = run(args.toArray(String[]::new));
        assertThat(help.code()).as(args.toString()).isZero();
        assertThat(help.out()).as(args.toString()).startsWith("Usage: steelmill-examples");
      }
      List<String> args = new ArrayList<>(List.of(command));
      args.add("--version");
      assertThat(run(args.toArray(String[]::new)).out()).contains("steelmill-examples 0.");
    }
  }

  /**
   * End to end in a fresh JVM with stderr going to a pipe: the exit code is what the process
   * returns, logging is live, and progress is plain lines (no carriage return) because stderr is
   * not a terminal.
   */
  @Test
  void inAChildJvmExitCodesHoldAndProgressIsPlainLines() throws Exception {
    Result mistake = child("cluster", "simulate", "--virtual", "banana");
    assertThat(mistake.code()).isEqualTo(Cli.USAGE);
    assertThat(mistake.err().lines().toList()).hasSize(1);
    assertNoStackTrace(mistake, mistake.err());
    if (!SIMULATION) {
      Result unreachable = child("cluster", "run", "--zookeeper", "127.0.0.1:1");
      assertThat(unreachable.code()).as(unreachable.err()).isEqualTo(Cli.FAILURE);
      assertThat(unreachable.err().lines().toList()).as(unreachable.err()).hasSize(1);
      return;
    }
    Result run = child("cluster", "simulate", "--nodes", "3", "--seeds", "3", "--virtual", "2s");
    assertThat(run.code()).as(run.err() + run.out()).isZero();
    assertThat(run.err()).doesNotContain("\r");
    assertThat(run.err().lines().filter(l -> l.contains("seeds: ")).toList())
        .hasSize(3).last().asString().contains("seeds: 3/3");
  }

  static Result child(String... args) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> command = new ArrayList<>(List.of(java,
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        // the simulation agent attaches itself from inside, quietly
        "-Djdk.attach.allowAttachSelf=true", "-XX:+EnableDynamicAgentLoading",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  static void assertNoStackTrace(Result result, String label) {
    for (String text : List.of(result.out(), result.err())) {
      assertThat(text).as(label).doesNotContain("\tat ").doesNotContain("Exception in thread")
          .doesNotContain("Caused by:");
    }
  }
}
