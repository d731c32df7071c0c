package io.steelmill.examples.cluster;

import picocli.CommandLine.Command;

/** {@code cluster simulate ...} and {@code cluster run ...}: the fenced store. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    versionProvider = io.steelmill.examples.Cli.Version.class,
    description = "A lease-guarded, fenced store: simulated under faults, or run for real.",
    subcommands = {SimulateCommand.class, RunCommand.class})
public final class ClusterCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
