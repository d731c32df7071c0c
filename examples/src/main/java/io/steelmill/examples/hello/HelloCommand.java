package io.steelmill.examples.hello;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hello [--daemon alice] [--daemon bob]}: one node, the chosen guests, a lifecycle. */
@Command(
    name = "hello",
    mixinStandardHelpOptions = true,
    versionProvider = io.steelmill.examples.Cli.Version.class,
    description = "Alice and Bob sign a guest book that is built only if one of them needs it.")
public final class HelloCommand implements Callable<Integer> {
  @Option(
      names = "--daemon",
      description = "A guest to start: alice or bob (repeatable). None: nothing is built.")
  List<String> daemons = new ArrayList<>();

  /** The guests chosen on the command line. */
  public List<String> daemons() {
    return List.copyOf(daemons);
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    for (String daemon : daemons) {
      if (!List.of("alice", "bob").contains(daemon.toLowerCase(java.util.Locale.ROOT))) {
        throw io.steelmill.examples.Cli.mistake(spec,
            "--daemon must be alice or bob, not \"" + io.steelmill.examples.Cli.oneLine(daemon)
                + "\"");
      }
    }
    return run(daemons, System.out);
  }

  /** Runs the example, printing to {@code out}; returns the exit code. */
  public static int run(List<String> daemons, PrintStream out) throws InterruptedException {
    SteelmillHelloFactory node = SteelmillHelloFactory.create("hello");
    node.inject(PrintStream.class, out);
    List<Guest> guests = new ArrayList<>();
    for (String daemon : daemons) {
      switch (daemon.toLowerCase(java.util.Locale.ROOT)) {
        case "alice" -> guests.add(node.alice());
        case "bob" -> guests.add(node.bob());
        default -> {
          out.println("unknown daemon \"" + daemon + "\": choose alice or bob");
          return 2;
        }
      }
    }
    try (node) {
      node.start();
      for (Guest guest : guests) {
        if (!guest.awaitSigned(10, TimeUnit.SECONDS)) {
          out.println("a guest did not sign within 10 s");
          return 1;
        }
      }
    }
    List<String> built = node.builtDaemons();
    out.println("built: " + (built.isEmpty() ? "(none)" : String.join(", ", built)));
    return 0;
  }
}
