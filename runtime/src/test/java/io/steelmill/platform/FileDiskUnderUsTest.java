package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.internal.NodeContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Something other than the disk changes its files under it: another program deletes a file the
 * disk holds open, renames another file over it, or removes the node's folder. The disk keeps
 * writing to the file it opened, which no name reaches any more: a sync must not report as
 * durable what nobody can read back. Real files; the other program is the test.
 */
class FileDiskUnderUsTest {
  @TempDir Path root;
  private String previous;
  private FileDisk disk;

  @BeforeEach
  void asNodeA() {
    previous = NodeContext.enter("a");
    disk = new FileDisk(new DiskConfig(root));
  }

  @AfterEach
  void restore() throws IOException {
    disk.stop();
    NodeContext.restore(previous);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private void assertSyncSaysItWasChangedUnderIt(String file) {
    assertThatThrownBy(() -> disk.sync(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("FileDisk of node a: sync of \"" + file + "\"")
        .hasMessageContaining("deleted or replaced").hasMessageContaining("Fix: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aFileDeletedUnderTheDiskFailsItsNextSyncAndEveryWriteAfter() throws Exception {
    disk.append("wal", utf8("one;"));
    disk.sync("wal");
    Files.delete(root.resolve("a").resolve("wal"));
    disk.append("wal", utf8("two;"));
    assertSyncSaysItWasChangedUnderIt("wal");
    assertThatThrownBy(() -> disk.append("wal", utf8("three;"))).isInstanceOf(IOException.class)
        .hasMessageContaining("refused");
    disk.delete("wal"); // what recovery does: then the name starts afresh
    disk.append("wal", utf8("four;"));
    disk.sync("wal");
    assertThat(new String(disk.read("wal"), StandardCharsets.UTF_8)).isEqualTo("four;");
  }

  @Test
  void aFileReplacedUnderTheDiskFailsItsNextSync() throws Exception {
    disk.write("state", 0, utf8("mine"));
    disk.sync("state");
    Path other = root.resolve("a").resolve("other");
    Files.write(other, utf8("theirs"));
    Files.move(other, root.resolve("a").resolve("state"), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    disk.write("state", 0, utf8("MINE"));
    assertSyncSaysItWasChangedUnderIt("state");
    assertThat(new String(disk.read("state"), StandardCharsets.UTF_8))
        .as("read shows what the file of that name holds").isEqualTo("theirs");
  }

  @Test
  void aNodeFolderRemovedUnderTheDiskFailsTheNextSync() throws Exception {
    disk.append("wal", utf8("one;"));
    disk.sync("wal");
    Path folder = root.resolve("a");
    Files.delete(folder.resolve("wal"));
    Files.delete(folder);
    disk.append("wal", utf8("two;"));
    assertSyncSaysItWasChangedUnderIt("wal");
  }

  @Test
  void filesLeftAloneSyncAsBefore() throws Exception {
    for (int i = 0; i < 3; i++) {
      disk.append("wal", utf8("r" + i + ";"));
      disk.sync("wal");
    }
    disk.write("wal", 0, utf8("R"));
    disk.sync("wal");
    assertThat(new String(disk.read("wal"), StandardCharsets.UTF_8)).isEqualTo("R0;r1;r2;");
  }

  private static long openDescriptors() throws IOException {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  @Test
  void thousandsOfFilesKeepAtMostTheBudgetOfDescriptorsOpenAndStayReadableAndSyncable()
      throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")),
        "counts descriptors through /proc");
    long before = openDescriptors();
    int files = OpenFiles.BUDGET * 4;
    for (int i = 0; i < files; i++) {
      disk.append("segment-" + i, utf8("record " + i));
    }
    assertThat(openDescriptors() - before).as("descriptors held")
        .isLessThanOrEqualTo(OpenFiles.BUDGET + 16);
    for (int i = 0; i < files; i += 97) {
      disk.sync("segment-" + i);
      disk.append("segment-" + i, utf8(";more"));
      disk.sync("segment-" + i);
      assertThat(new String(disk.read("segment-" + i), StandardCharsets.UTF_8))
          .isEqualTo("record " + i + ";more");
    }
    assertThat(disk.list()).hasSize(files);
  }

  @Test
  void aFileClosedForTheBudgetIsSyncedFirstAndFailsIfThatSyncFails() throws Exception {
    java.util.concurrent.atomic.AtomicReference<java.nio.channels.FileChannel> first =
        new java.util.concurrent.atomic.AtomicReference<>();
    disk.stop();
    disk = FileDisk.withFsync(new DiskConfig(root), channel -> {
      if (channel == first.get()) {
        throw new IOException("Input/output error");
      }
      channel.force(true);
    });
    disk.append("wal", utf8("unsynced"));
    first.set(channelOf("wal"));
    for (int i = 0; i < OpenFiles.BUDGET + 1; i++) {
      disk.append("other-" + i, utf8("x")); // "wal", opened first, is closed for the budget
    }
    assertThatThrownBy(() -> disk.sync("wal")).isInstanceOf(IOException.class)
        .hasMessageContaining("refused").hasMessageContaining("Fix: ")
        .hasRootCauseMessage("Input/output error");
    assertThat(new String(disk.read("wal"), StandardCharsets.UTF_8))
        .as("read still returns what is left").isEqualTo("unsynced");
  }

  @Test
  void manyThreadsWritingAndSyncingMoreFilesThanTheBudgetLoseNothing() throws Exception {
    int threads = 8;
    int filesEach = OpenFiles.BUDGET / 2;
    java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          String previousNode = NodeContext.enter("a");
          try {
            for (int round = 0; round < 3; round++) {
              for (int f = 0; f < filesEach; f++) {
                String file = "t" + thread + "-" + f;
                disk.append(file, utf8(round + ";"));
                disk.sync(file);
              }
            }
          } finally {
            NodeContext.restore(previousNode);
          }
          return null;
        }));
      }
      for (var future : done) {
        future.get(2, java.util.concurrent.TimeUnit.MINUTES);
      }
    }
    for (int t = 0; t < threads; t++) {
      for (int f = 0; f < filesEach; f++) {
        assertThat(new String(disk.read("t" + t + "-" + f), StandardCharsets.UTF_8))
            .isEqualTo("0;1;2;");
      }
    }
  }

  /** The channel the disk holds for {@code file} now. */
  private java.nio.channels.FileChannel channelOf(String file) throws Exception {
    var field = FileDisk.class.getDeclaredField("open");
    field.setAccessible(true);
    OpenFiles open = (OpenFiles) field.get(disk);
    return open.get(root.toAbsolutePath().normalize().resolve("a").resolve(file)).channel();
  }
}
