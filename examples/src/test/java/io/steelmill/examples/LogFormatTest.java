package io.steelmill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples log through SLF4J and logback: text by default, JSON lines with {@code --log-format
 * json}. Each case runs in a fresh JVM, since logback configures itself once per JVM.
 */
class LogFormatTest {

  private static List<String> stderr(String... args) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> command = new java.util.ArrayList<>(List.of(java,
        "-Dsteelmill.log.level=DEBUG", "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(err).isZero();
    return err.lines().filter(line -> line.contains("started")).toList();
  }

  @Test
  void textByDefault() throws Exception {
    List<String> lines = stderr("hello", "--daemon", "alice");
    assertThat(lines).anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG .*hello \\[RUNNING\\] started.*"));
  }

  @Test
  void jsonLinesByOption() throws Exception {
    List<String> lines = stderr("--log-format", "json", "hello", "--daemon", "alice");
    assertThat(lines).isNotEmpty().allMatch(line -> line.startsWith("{") && line.endsWith("}"));
    assertThat(lines).anyMatch(line -> line.contains("\"level\":\"DEBUG\"")
        && line.contains("\"formattedMessage\":\"hello [RUNNING] started")
        && line.contains("\"node\":\"hello\""));
  }
}
