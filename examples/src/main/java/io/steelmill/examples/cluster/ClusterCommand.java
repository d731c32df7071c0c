package io.steelmill.examples.cluster;

import picocli.CommandLine.Command;

/** {@code cluster simulate ...} and {@code cluster run ...}: the fenced or the replicated store. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    versionProvider = io.steelmill.examples.Cli.Version.class,
    description = "A lease-guarded store (fenced, or replicated with --store replicated):"
        + " simulated under faults, or run for real.",
    subcommands = {SimulateCommand.class, RunCommand.class})
public final class ClusterCommand implements java.util.concurrent.Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** No subcommand is a usage mistake: one line and exit code 2. */
  @Override
  public Integer call() {
    return io.steelmill.examples.Cli.missingSubcommand(spec);
  }
}
