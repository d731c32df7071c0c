package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.internal.NodeContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The budget of open files against syncs running in other threads: a sync is held inside its
 * fsync (a latch in the test's {@link FileDisk.Fsync}) while the test opens other files or deletes
 * the synced one, so each interleaving is reached every run. Real files; the latches are the only
 * synchronization, and their one-minute bounds only keep a broken build from hanging.
 */
class FileDiskBudgetRaceTest {
  @TempDir Path root;
  private String previous;
  private FileDisk disk;
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  /** The channel whose fsync the test holds; every other fsync is a real one. */
  private final AtomicReference<FileChannel> held = new AtomicReference<>();

  @BeforeEach
  void asNodeA() {
    previous = NodeContext.enter("a");
  }

  @AfterEach
  void restore() throws IOException {
    release.countDown(); // never leave a thread parked in a held fsync
    if (disk != null) {
      disk.stop();
    }
    NodeContext.restore(previous);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Holds the fsync of the held channel until released; then {@code then} runs on it. */
  private FileDisk.Fsync holding(FileDisk.Fsync then) {
    return channel -> {
      if (channel == held.get()) {
        entered.countDown();
        await(release);
        then.force(channel);
      } else {
        channel.force(true);
      }
    };
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

  /** Runs {@code call} as code of node {@code node} in a thread of its own, started now. */
  private static <T> FutureTask<T> inThread(String node, Callable<T> call) {
    FutureTask<T> task = new FutureTask<>(() -> {
      String before = NodeContext.enter(node);
      try {
        return call.call();
      } finally {
        NodeContext.restore(before);
      }
    });
    Thread thread = new Thread(task, "disk-user-" + node);
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  /** The channel the disk holds for node a's {@code file} now. */
  private FileChannel channelOf(String file) throws Exception {
    DiskChannels channels = channels(disk);
    synchronized (channels) {
      return channels.open.get(root.toAbsolutePath().normalize().resolve("a").resolve(file))
          .channel();
    }
  }

  /** The disk's open files; their monitor is the disk's lock. */
  static DiskChannels channels(FileDisk disk) throws ReflectiveOperationException {
    var field = FileDisk.class.getDeclaredField("channels");
    field.setAccessible(true);
    return (DiskChannels) field.get(disk);
  }

  @Test
  void aChannelBeingSyncedIsNotClosedForTheBudgetSoTheSyncHearsItsError() throws Exception {
    disk = FileDisk.withFsync(new DiskConfig(root), holding(channel -> {
      channel.force(true); // closed under it by the budget, it would throw here instead
      throw new IOException("Input/output error"); // the device lost this write-back
    }), 1);
    disk.append("wal", utf8("acknowledged"));
    held.set(channelOf("wal"));
    FutureTask<Void> sync = inThread("a", () -> {
      disk.sync("wal");
      return null;
    });
    assertThat(entered.await(1, TimeUnit.MINUTES)).as("the sync reached its fsync").isTrue();
    disk.append("other", utf8("x")); // a second file with a budget of one
    assertThat(held.get().isOpen()).as("the channel whose sync runs is kept open").isTrue();
    release.countDown();
    assertThatThrownBy(() -> sync.get(1, TimeUnit.MINUTES))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(IOException.class)
        .hasMessageContaining("FileDisk of node a: sync of \"wal\" failed: Input/output error")
        .hasMessageContaining("Fix: ");
    assertThatThrownBy(() -> disk.sync("wal")).isInstanceOf(IOException.class)
        .hasMessageContaining("refused").hasRootCauseMessage("Input/output error");
  }

  @Test
  void aSyncRacingADeleteOfItsFileDoesNotBringTheFileBack() throws Exception {
    disk = FileDisk.withFsync(new DiskConfig(root), holding(channel -> channel.force(true)),
        OpenFiles.BUDGET);
    disk.append("wal", utf8("old"));
    held.set(channelOf("wal"));
    FutureTask<Void> sync = inThread("a", () -> {
      disk.sync("wal");
      return null;
    });
    assertThat(entered.await(1, TimeUnit.MINUTES)).as("the sync reached its fsync").isTrue();
    disk.delete("wal");
    release.countDown();
    sync.get(1, TimeUnit.MINUTES); // it ran before the delete: it synced what the file held
    assertThat(disk.list()).as("files after the delete").doesNotContain("wal");
    assertThat(Files.exists(root.resolve("a").resolve("wal"), LinkOption.NOFOLLOW_LINKS))
        .isFalse();
    assertThat(held.get().isOpen()).as("closed as the sync ended").isFalse();
    disk.append("wal", utf8("new")); // a new file of that name starts known
    disk.sync("wal");
    assertThat(new String(disk.read("wal"), StandardCharsets.UTF_8)).isEqualTo("new");
  }

  @Test
  void aFileIsNotOpenedAgainUntilItsSyncForTheBudgetEndedAndFailed() throws Exception {
    disk = FileDisk.withFsync(new DiskConfig(root), holding(channel -> {
      throw new IOException("Input/output error");
    }), 1);
    disk.append("wal", utf8("acknowledged"));
    held.set(channelOf("wal"));
    FutureTask<Void> evicting = inThread("a", () -> {
      disk.append("other", utf8("x")); // closes "wal" for the budget, syncing it first
      return null;
    });
    assertThat(entered.await(1, TimeUnit.MINUTES)).as("the eviction reached its fsync").isTrue();
    AtomicReference<Thread> syncer = new AtomicReference<>();
    FutureTask<Void> sync = inThread("a", () -> {
      syncer.set(Thread.currentThread());
      disk.sync("wal");
      return null;
    });
    while (syncer.get() == null || (syncer.get().getState() != Thread.State.WAITING
        && syncer.get().getState() != Thread.State.BLOCKED && !sync.isDone())) {
      Thread.onSpinWait(); // until the sync waits for the eviction (or ended: then it failed)
    }
    release.countDown();
    evicting.get(1, TimeUnit.MINUTES);
    assertThatThrownBy(() -> sync.get(1, TimeUnit.MINUTES))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(IOException.class).hasMessageContaining("refused")
        .hasRootCauseMessage("Input/output error");
  }

  @Test
  void aSyncForTheBudgetRunsOutsideTheDisksLockAndItsFailureNamesTheFilesNode()
      throws Exception {
    List<Boolean> lockHeld = new CopyOnWriteArrayList<>();
    DiskChannels[] self = new DiskChannels[1];
    disk = FileDisk.withFsync(new DiskConfig(root), channel -> {
      lockHeld.add(Thread.holdsLock(self[0]));
      throw new IOException("Input/output error");
    }, 1);
    self[0] = channels(disk);
    disk.append("wal", utf8("acknowledged"));
    inThread("b", () -> disk.append("other", utf8("x"))).get(1, TimeUnit.MINUTES);
    assertThat(lockHeld).as("the disk's lock held during the fsync").containsExactly(false);
    assertThatThrownBy(() -> disk.sync("wal")).isInstanceOf(IOException.class)
        .hasMessageContaining("refused")
        .satisfies(e -> assertThat(e.getCause().getMessage())
            .startsWith("FileDisk of node a: sync (before closing it, to keep at most 1 files"
                + " open) of \"wal\" failed: Input/output error")
            .contains("Fix: ").doesNotContain("\n"));
  }
}
