package io.steelmill.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One worker JVM of a {@link SeedProcesses} sweep: its process, a thread that forwards its
 * stdout lines to the sweep, and one that keeps its last lines of stderr (the rest is dropped,
 * so a chatty worker never blocks on a full pipe) for the message if it dies.
 */
final class WorkerProcess {
  /** Lines of stderr kept for a report: a stack trace's head or a JVM's last message. */
  private static final int LAST_WORDS = 12;

  /**
   * The longest line of stdout read: a result line is a few hundred characters (a failure's
   * first line, a replay command); a longer one is a broken worker, and reading it whole could
   * exhaust this JVM's heap.
   */
  static final int MAX_LINE = 1 << 20;

  /** Stands for a line longer than {@link #MAX_LINE}: what follows it is not read. */
  static final String OVERLONG = "(a line of more than " + MAX_LINE + " characters)";

  /**
   * A result line from a worker's stdout; {@code text} null marks the end of it, {@link
   * #OVERLONG} a line too long to be one. Other lines are kept for a report, never queued.
   */
  record Line(WorkerProcess worker, String text) {}

  private final Shard part;
  private final Process process;
  private final ArrayDeque<String> lastWords = new ArrayDeque<>();
  private volatile long lastHeard = System.nanoTime();

  private WorkerProcess(Shard part, Process process) {
    this.part = part;
    this.process = process;
  }

  static WorkerProcess start(Shard part, List<String> command, BlockingQueue<Line> lines)
      throws IOException {
    Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE)
        .start();
    process.getOutputStream().close(); // a worker reads nothing
    WorkerProcess worker = new WorkerProcess(part, process);
    String name = "steelmill-worker-" + part.index() + "-of-" + part.count();
    Thread.ofPlatform().daemon().name(name + "-out")
        .start(() -> worker.forward(process.getInputStream(), lines));
    Thread.ofPlatform().daemon().name(name + "-err")
        .start(() -> worker.keepLast(process.getErrorStream()));
    return worker;
  }

  /**
   * Hands the result lines over. Only a result counts as hearing from the worker: one that
   * prints anything else, forever, while it owes a seed is as quiet as one that prints nothing.
   */
  private void forward(InputStream out, BlockingQueue<Line> lines) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
      for (String line = readLine(reader); line != null; line = readLine(reader)) {
        if (line == OVERLONG) {
          lines.add(new Line(this, OVERLONG));
          return;
        }
        if (line.startsWith(SeedLine.PREFIX)) {
          lastHeard = System.nanoTime();
          lines.add(new Line(this, line));
        } else {
          remember("stdout: " + line);
        }
      }
    } catch (IOException e) {
      remember("(its output could not be read: " + e.getMessage() + ")");
    } finally {
      lines.add(new Line(this, null));
    }
  }

  /** The next line, without its break; null at the end; {@link #OVERLONG} past the bound. */
  private static String readLine(BufferedReader reader) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = reader.read(); c != -1; c = reader.read()) {
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1)
            : line.toString();
      }
      if (line.length() == MAX_LINE) {
        return OVERLONG;
      }
      line.append((char) c);
    }
    return line.isEmpty() ? null : line.toString();
  }

  private void keepLast(InputStream err) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
      for (String line = readLine(reader); line != null; line = readLine(reader)) {
        if (line == OVERLONG) {
          remember("(a line of more than " + MAX_LINE + " characters on stderr; the rest of"
              + " stderr is not read)");
          reader.transferTo(java.io.Writer.nullWriter());
          return;
        }
        if (!line.isBlank()) {
          remember(line);
        }
      }
    } catch (IOException e) {
      // the worker is gone; what it said before is kept
    }
  }

  synchronized void remember(String line) {
    if (lastWords.size() == LAST_WORDS) {
      lastWords.removeFirst();
    }
    lastWords.addLast(line.length() <= 300 ? line : line.substring(0, 300) + "...");
  }

  /** Nanoseconds since its last line of output (or its start). */
  long quietFor() {
    return System.nanoTime() - lastHeard;
  }

  /** How it ended, waiting at most {@code grace} for it to exit after its output closed. */
  String exitDescription(Duration grace) {
    try {
      if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        int code = process.exitValue();
        return "exited with code " + code + (code > 128 ? " (killed by signal " + (code - 128)
            + ")" : "");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "closed its output but did not exit within " + grace.toSeconds() + " s";
  }

  /** Its exit code once it exited within {@code grace}; else it is stopped and -1 returned. */
  int awaitExit(Duration grace) {
    try {
      if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stop(grace);
    return -1;
  }

  /** Asks it to exit, then kills it and its children if it has not within {@code grace}. */
  void stop(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** Its last lines on stderr, for a message: empty, or "; its last lines on stderr: ...". */
  synchronized String lastWords() {
    return lastWords.isEmpty() ? "; it printed nothing on stderr"
        : "; its last lines on stderr: " + String.join(" | ", lastWords);
  }

  @Override
  public String toString() {
    return "worker " + part + " (pid " + process.pid() + ")";
  }
}
