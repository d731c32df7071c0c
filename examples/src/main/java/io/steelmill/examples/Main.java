package io.steelmill.examples;

import io.steelmill.examples.hello.HelloCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The examples' command line: {@code hello}, and the simulation examples as they arrive. */
@Command(
    name = "steelmill-examples",
    mixinStandardHelpOptions = true,
    subcommands = {HelloCommand.class},
    description = "Runnable Steelmill examples.")
public final class Main implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Runs a subcommand; exits only when it failed, so exec:java keeps Maven alive on success. */
  public static void main(String[] args) {
    int code = new CommandLine(new Main()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
