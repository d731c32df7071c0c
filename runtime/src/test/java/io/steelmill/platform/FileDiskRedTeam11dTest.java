package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.internal.NodeContext;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two callers of one file at once, on real files: a sync beside a failing sync of the same
 * descriptor, and a caller interrupted in the middle of a write (the JDK closes the shared
 * channel under it). Latches are the only synchronization; their one-minute bounds only keep a
 * broken build from hanging.
 */
class FileDiskRedTeam11dTest {
  @TempDir Path root;
  private String previous;
  private FileDisk disk;
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void asNodeA() {
    previous = NodeContext.enter("a");
  }

  @AfterEach
  void restore() throws IOException {
    release.countDown();
    if (disk != null) {
      disk.stop();
    }
    NodeContext.restore(previous);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static <T> FutureTask<T> inThread(Callable<T> call, AtomicReference<Thread> thread) {
    FutureTask<T> task = new FutureTask<>(() -> {
      String before = NodeContext.enter("a");
      try {
        return call.call();
      } finally {
        NodeContext.restore(before);
      }
    });
    Thread started = new Thread(task, "disk-user");
    started.setDaemon(true);
    thread.set(started);
    started.start();
    return task;
  }

  /**
   * Linux reports a write-back error once per descriptor, to the fsync that looks first. Two
   * syncs of one file shared its descriptor and ran their fsyncs side by side: the first was
   * told the writes were lost, the second, beside it, "durable". The second now waits its turn
   * and is refused, naming the first failure.
   */
  @Test
  void aSyncBesideAFailingSyncOfTheSameFileIsNotToldDurable() throws Exception {
    AtomicInteger forces = new AtomicInteger();
    disk = FileDisk.withFsync(new DiskConfig(root), channel -> {
      if (forces.incrementAndGet() == 1) { // the first fsync: the device loses the write-back
        entered.countDown();
        await(release);
        channel.force(true);
        throw new IOException("Input/output error");
      }
      channel.force(true); // any other: the kernel has already reported the error once
    });
    disk.append("wal", utf8("acknowledged"));
    AtomicReference<Thread> first = new AtomicReference<>();
    FutureTask<Void> failing = inThread(() -> {
      disk.sync("wal");
      return null;
    }, first);
    assertThat(entered.await(1, TimeUnit.MINUTES)).as("the first sync reached its fsync").isTrue();
    AtomicReference<Thread> second = new AtomicReference<>();
    FutureTask<Void> beside = inThread(() -> {
      disk.sync("wal");
      return null;
    }, second);
    while (!beside.isDone() && second.get().getState() != Thread.State.WAITING) {
      Thread.onSpinWait(); // until the second sync ended (broken) or waits for the first
    }
    release.countDown();
    assertThatThrownBy(() -> failing.get(1, TimeUnit.MINUTES)).cause()
        .hasMessageContaining("FileDisk of node a: sync of \"wal\" failed: Input/output error");
    assertThatThrownBy(() -> beside.get(1, TimeUnit.MINUTES))
        .as("the sync beside the failed one").isInstanceOf(ExecutionException.class).cause()
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("FileDisk of node a: sync of \"wal\" refused: an earlier sync")
        .hasMessageContaining("Fix: ").hasRootCauseMessage("Input/output error");
    assertThat(forces.get()).as("fsyncs run").isEqualTo(1);
  }

  /**
   * The JDK closes a {@code FileChannel} when a thread using it is interrupted. The channel is the
   * file's, shared by every caller: one interrupted writer (a daemon interrupted by its node's
   * grace period, say) made every later write, append and sync of that file fail with {@code
   * ClosedChannelException}, for every node, until the disk stopped. The interrupted caller gets
   * its interrupt; the next caller opens the file anew.
   */
  @Test
  void aWriterInterruptedMidWriteBreaksTheFileForNobodyElse() throws Exception {
    disk = new FileDisk(new DiskConfig(root));
    disk.append("wal", utf8("one;"));
    AtomicReference<Thread> writer = new AtomicReference<>();
    FutureTask<Void> interrupted = inThread(() -> {
      Thread.currentThread().interrupt(); // as a stop's interrupt lands during the write
      disk.append("wal", utf8("lost;"));
      return null;
    }, writer);
    assertThatThrownBy(() -> interrupted.get(1, TimeUnit.MINUTES)).cause()
        .isInstanceOf(ClosedByInterruptException.class);
    disk.append("wal", utf8("two;"));
    disk.write("wal", 0, utf8("ONE;"));
    disk.sync("wal");
    assertThat(new String(disk.read("wal"), StandardCharsets.UTF_8)).isEqualTo("ONE;two;");
    FileChannel reopened = channelOf("wal");
    assertThat(reopened.isOpen()).isTrue();
  }

  /** Interrupted while another sync of the file runs: the waiting sync ends, the file is fine. */
  @Test
  void aSyncInterruptedWhileWaitingForAnotherSyncEndsAndFailsNothing() throws Exception {
    AtomicInteger forces = new AtomicInteger();
    disk = FileDisk.withFsync(new DiskConfig(root), channel -> {
      if (forces.incrementAndGet() == 1) {
        entered.countDown();
        await(release);
      }
      channel.force(true);
    });
    disk.append("wal", utf8("x"));
    AtomicReference<Thread> first = new AtomicReference<>();
    FutureTask<Void> holding = inThread(() -> {
      disk.sync("wal");
      return null;
    }, first);
    assertThat(entered.await(1, TimeUnit.MINUTES)).isTrue();
    AtomicReference<Thread> second = new AtomicReference<>();
    FutureTask<Void> waiting = inThread(() -> {
      disk.sync("wal");
      return null;
    }, second);
    while (!waiting.isDone() && second.get().getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    second.get().interrupt();
    assertThatThrownBy(() -> waiting.get(1, TimeUnit.MINUTES)).cause()
        .isInstanceOf(java.io.InterruptedIOException.class);
    release.countDown();
    holding.get(1, TimeUnit.MINUTES);
    disk.append("wal", utf8("y"));
    disk.sync("wal");
    assertThat(new String(disk.read("wal"), StandardCharsets.UTF_8)).isEqualTo("xy");
  }

  /**
   * A file the disk closed to keep within its budget of open files, then deleted or replaced by
   * something else: the next write opened the name with {@code CREATE} and wrote into a new,
   * empty file (zeros before the position), and its sync said "durable"; a read then showed
   * neither the old bytes nor an error. Now the name is checked against the file the disk closed:
   * the file fails, in one line, until the caller deletes it.
   */
  @Test
  void aFileDeletedOrReplacedWhileClosedForTheBudgetFailsInsteadOfComingBackEmpty()
      throws Exception {
    disk = FileDisk.withFsync(new DiskConfig(root), channel -> channel.force(true), 1);
    disk.append("gone", utf8("synced;"));
    disk.sync("gone");
    disk.append("swapped", utf8("synced;"));
    disk.sync("swapped");
    disk.append("other", utf8("x")); // a budget of one: the other two are closed
    Path dir = root.resolve("a");
    java.nio.file.Files.delete(dir.resolve("gone"));
    java.nio.file.Files.write(dir.resolve("swapped.new"), utf8("someone else's"));
    java.nio.file.Files.move(dir.resolve("swapped.new"), dir.resolve("swapped"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    for (String file : java.util.List.of("gone", "swapped")) {
      assertThatThrownBy(() -> disk.write(file, 7, utf8("more;"))).as(file)
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("FileDisk of node a: write to \"" + file + "\" refused: the"
              + " file was deleted or replaced under the disk")
          .hasMessageContaining("Fix: ").satisfies(e -> assertThat(e.getMessage())
              .doesNotContain("\n"));
      assertThatThrownBy(() -> disk.sync(file)).as(file).isInstanceOf(IOException.class)
          .hasMessageContaining("refused: the file was deleted or replaced under the disk");
    }
    assertThat(disk.list()).doesNotContain("gone");
    assertThat(new String(disk.read("swapped"), StandardCharsets.UTF_8))
        .isEqualTo("someone else's");
    disk.delete("gone");
    disk.delete("swapped");
    disk.append("gone", utf8("anew"));
    disk.sync("gone");
    assertThat(new String(disk.read("gone"), StandardCharsets.UTF_8)).isEqualTo("anew");
  }

  /** A file closed for the budget and opened again, untouched meanwhile, is simply reopened. */
  @Test
  void aFileClosedForTheBudgetAndUntouchedOpensAgain() throws Exception {
    disk = FileDisk.withFsync(new DiskConfig(root), channel -> channel.force(true), 1);
    disk.append("one", utf8("1;"));
    disk.append("two", utf8("2;"));
    disk.append("one", utf8("1;"));
    disk.sync("one");
    assertThat(new String(disk.read("one"), StandardCharsets.UTF_8)).isEqualTo("1;1;");
  }

  private FileChannel channelOf(String file) throws Exception {
    DiskChannels channels = FileDiskBudgetRaceTest.channels(disk);
    synchronized (channels) {
      return channels.open.get(root.toAbsolutePath().normalize().resolve("a").resolve(file))
          .channel();
    }
  }

  private static void await(CountDownLatch latch) throws IOException {
    try {
      if (!latch.await(1, TimeUnit.MINUTES)) {
        throw new IOException("the test's latch was not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
