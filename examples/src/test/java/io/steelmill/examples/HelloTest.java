package io.steelmill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.hello.HelloCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The hello example end to end: what it builds, its lifecycle lines, its last line. */
class HelloTest {

  private static List<String> run(String... daemons) throws InterruptedException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = HelloCommand.run(List.of(daemons), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void aliceAndBobSignTheGuestBook() throws Exception {
    List<String> lines = run("alice", "bob");

    assertThat(lines.subList(0, 3))
        .containsExactly("prepare GuestBook: open for signatures", "prepare Alice", "prepare Bob");
    assertThat(lines).contains("run Alice: signed the guest book", "run Bob: signed the guest book");
    assertThat(lines.subList(lines.size() - 4, lines.size()))
        .containsExactly("stop Bob", "stop Alice", "stop GuestBook: 2 guests", "built: GuestBook, Alice, Bob");
  }

  @Test
  void bobAloneBuildsOnlyWhatHeNeeds() throws Exception {
    List<String> lines = run("bob");

    assertThat(lines).contains("stop GuestBook: 1 guest");
    assertThat(lines).last().isEqualTo("built: GuestBook, Bob");
  }

  @Test
  void helloAloneBuildsNothing() throws Exception {
    assertThat(run()).containsExactly("built: (none)");
  }

  @Test
  void unknownDaemonIsAUsageError() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = HelloCommand.run(List.of("carol"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("unknown daemon \"carol\"");
  }

  @Test
  void commandLineParsesRepeatedDaemonOptions() {
    HelloCommand command = new HelloCommand();
    new CommandLine(command).parseArgs("--daemon", "alice", "--daemon", "bob");
    assertThat(command.daemons()).containsExactly("alice", "bob");
  }
}
