package io.steelmill.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;

/**
 * The command line's conventions, in one place: a user mistake (a bad option, a value out of
 * range, a path that cannot be written) is one line on stderr and exit code 2; a failure of the
 * environment or of the run (ZooKeeper unreachable, a node failing) is one line naming what was
 * tried, and exit code 1. Never a stack trace: the full one goes to the debug log.
 */
public final class Cli {
  /** picocli's convention for invalid input. */
  public static final int USAGE = 2;

  /** A failure that is not the user's: the environment, or the run itself. */
  public static final int FAILURE = 1;

  private Cli() {}

  /** A command line with the conventions installed. */
  public static CommandLine commandLine(Object command) {
    CommandLine cli = new CommandLine(command);
    WholeNumbers.install(cli);
    cli.setParameterExceptionHandler(Cli::userMistake);
    cli.setExecutionStrategy(parsed -> {
      WholeNumbers.checkRanges(parsed.asCommandLineList());
      return new CommandLine.RunLast().execute(parsed);
    });
    cli.setExecutionExceptionHandler((e, line, parsed) -> failure(e, line));
    return cli;
  }

  private static int userMistake(ParameterException e, String[] args) {
    CommandLine line = e.getCommandLine();
    PrintWriter err = line.getErr();
    String number = WholeNumbers.describe(e);
    err.println(line.getCommandSpec().qualifiedName() + ": "
        + (number != null ? number : oneLine(e.getMessage())) + " (see --help)");
    err.flush();
    return USAGE;
  }

  private static int failure(Exception e, CommandLine line) {
    LoggerFactory.getLogger(Cli.class).debug("{} failed", line.getCommandName(), e);
    PrintWriter err = line.getErr();
    err.println(line.getCommandSpec().qualifiedName() + " failed: " + describe(e));
    err.flush();
    return FAILURE;
  }

  /** The exception's message and, if different, its root cause's, on one line. */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String outer = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    String inner = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    return oneLine(root == e || outer.contains(inner) ? outer : outer + ": " + inner);
  }

  /** {@code text} with its line breaks turned into spaces. */
  public static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  /**
   * {@code code}, or a failure if standard output lost what the command printed: {@code
   * System.out} is a {@code PrintStream}, which swallows write errors, so a run whose results went
   * to a full disk ({@code > /dev/full}) said nothing and exited 0, its results gone. Checked once,
   * when the command is done; the error goes to stderr in one line.
   */
  public static int checkStandardOutput(int code) {
    if (!System.out.checkError()) {
      return code;
    }
    System.err.println("steelmill-examples: standard output could not be written (a full disk,"
        + " or a file or pipe closed early): what the command printed is lost or incomplete."
        + " Fix: free space where standard output goes, or redirect it elsewhere");
    System.err.flush();
    return code == 0 ? FAILURE : code;
  }

  /** A user mistake about {@code option}: one line, exit code 2. */
  public static ParameterException mistake(CommandLine.Model.CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** A command run in the build that cannot run it: one line on stderr, exit code 2. */
  public static int wrongBuild(CommandLine.Model.CommandSpec spec, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(message);
    err.flush();
    return USAGE;
  }

  /** A command that needs a subcommand, run without one: one line on stderr, exit code 2. */
  public static int missingSubcommand(CommandLine.Model.CommandSpec spec) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(spec.qualifiedName() + ": missing subcommand, one of "
        + String.join(", ", spec.subcommands().keySet()) + " (see --help)");
    err.flush();
    return USAGE;
  }

  /** Checks, before a run, that {@code file} can be created or overwritten. */
  public static void writableFile(CommandLine.Model.CommandSpec spec, String option, Path file) {
    if (file.toString().isBlank()) {
      throw mistake(spec, option + " needs a file name, not \"" + oneLine(file.toString()) + "\"");
    }
    Path absolute = file.toAbsolutePath();
    Path parent = absolute.getParent();
    if (Files.isDirectory(absolute)) {
      throw mistake(spec, option + " " + file + " is a directory; name a file");
    }
    if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
      throw mistake(spec, option + " " + file + ": " + parent + " is a file, not a folder");
    }
    if (parent == null || !Files.isDirectory(parent)) {
      throw mistake(spec, option + " " + file + ": the folder " + parent + " does not exist");
    }
    // really open it (permissions, a read-only file system, root's privileges all apply), but
    // change nothing: an existing file is opened for appending, a new one removed again
    boolean existed = Files.exists(absolute);
    try (var channel = java.nio.channels.FileChannel.open(absolute,
        java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND,
        java.nio.file.StandardOpenOption.CREATE)) {
      channel.size();
    } catch (IOException | UnsupportedOperationException e) {
      throw mistake(spec, option + " " + file + " cannot be written: " + whyNotWritable(e));
    } finally {
      if (!existed) {
        try {
          Files.deleteIfExists(absolute);
        } catch (IOException e) {
          // it was created only to check; the run overwrites it anyway
        }
      }
    }
  }

  /** Writing an output file after a run; may fail (a full disk) although the check passed. */
  @FunctionalInterface
  public interface OutputWrite {
    void write() throws IOException;
  }

  /** Runs {@code write}; a failure names {@code what} (an option, "the picture") and the file. */
  public static void writeOutput(String what, Path file, OutputWrite write) throws IOException {
    try {
      write.write();
    } catch (IOException e) {
      throw new IOException(what + " " + file + " could not be written: " + whyNotWritable(e),
          e);
    }
  }

  /** Why a file could not be opened for writing, in words (an exception may give only a path). */
  private static String whyNotWritable(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "the file system refuses to create it";
    }
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return oneLine(fs.getReason());
    }
    return describe(e);
  }

    /** {@code --version}: the version this build was made from. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties properties = new Properties();
      try (InputStream in = Cli.class.getResourceAsStream("/steelmill-examples.properties")) {
        if (in != null) {
          properties.load(in);
        }
      } catch (IOException e) {
        // reported as unknown below
      }
      return new String[] {"steelmill-examples " + properties.getProperty("version", "unknown")
          + " (" + properties.getProperty("mode", "unknown") + " build), Java "
          + Runtime.version()};
    }
  }
}
