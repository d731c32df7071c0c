package io.steelmill.examples;

import io.steelmill.examples.check.CheckCommand;
import io.steelmill.examples.cluster.ClusterCommand;
import io.steelmill.examples.hello.HelloCommand;
import io.steelmill.examples.pingpong.PingPongCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The examples' command line: {@code hello}, and the simulation examples as they arrive. */
@Command(
    name = "steelmill-examples",
    mixinStandardHelpOptions = true,
    versionProvider = Cli.Version.class,
    subcommands = {HelloCommand.class, PingPongCommand.class, ClusterCommand.class,
        CheckCommand.class, io.steelmill.examples.sweep.MergeResultsCommand.class},
    description = "Runnable Steelmill examples.")
public final class Main implements java.util.concurrent.Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Option(
      names = "--log-format",
      description = "text (default) or json: JSON lines with node and daemon on stderr.",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  void logFormat(String format) {
    // must run before the first logger is created; picocli parses before any command runs
    if ("json".equalsIgnoreCase(format)) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    } else if (!"text".equalsIgnoreCase(format)) {
      throw new picocli.CommandLine.ParameterException(
          new CommandLine(this), "--log-format must be text or json, not \"" + Cli.oneLine(format)
              + "\"");
    }
  }

  /** No subcommand is a usage mistake: one line and exit code 2, as for any other. */
  @Override
  public Integer call() {
    return Cli.missingSubcommand(spec);
  }

  /**
   * Runs the command line with its conventions ({@link Cli}); returns the exit code, which is a
   * failure if standard output could not take what the command printed ({@link
   * Cli#checkStandardOutput}).
   */
  public static int execute(String... args) {
    return Cli.checkStandardOutput(Cli.commandLine(new Main()).execute(args));
  }

  /** Runs a subcommand; exits only when it failed, so exec:java keeps Maven alive on success. */
  public static void main(String[] args) {
    int code = execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
