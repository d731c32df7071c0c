package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.internal.NodeContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a failed fsync the file's state on disk is unknown: Linux may have dropped the pages it
 * could not write and marked them clean, so the next fsync succeeds without them (PostgreSQL's
 * fsyncgate). FileDisk then fails the file: no later write, append or sync of it pretends
 * success. Real files; only the first fsync is made to fail, as a failing device would, and
 * every later one is the real {@code force(true)}, which would succeed.
 */
class FileDiskFailedSyncTest {
  @TempDir Path root;
  private String previous;
  private final AtomicInteger failuresLeft = new AtomicInteger(1);
  private final AtomicInteger realSyncs = new AtomicInteger();

  @BeforeEach
  void asNodeA() {
    previous = NodeContext.enter("a");
  }

  @AfterEach
  void restore() {
    NodeContext.restore(previous);
  }

  private FileDisk disk() {
    return FileDisk.withFsync(new DiskConfig(root), channel -> {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new IOException("Input/output error");
      }
      realSyncs.incrementAndGet();
      channel.force(true);
    });
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aSyncThatCannotOpenItsFileSaysWhoAndWhatAndFailsNothing() throws Exception {
    FileDisk disk = disk();
    Files.createDirectories(root.resolve("a").resolve("dir")); // a name no channel can open
    assertThatThrownBy(() -> disk.sync("dir")).isInstanceOf(IOException.class)
        .hasMessageContaining("FileDisk of node a: sync of \"dir\" failed")
        .hasMessageContaining("Fix: ");
    assertThat(failuresLeft.get()).as("no fsync ran").isEqualTo(1);
    assertThatThrownBy(() -> disk.sync("dir")).as("not failed as after an fsync")
        .hasMessageNotContaining("refused");
    disk.stop();
  }

  @Test
  void afterAFailedSyncNoWriteAppendOrSyncOfThatFilePretendsSuccess() throws Exception {
    FileDisk disk = disk();
    disk.append("wal", utf8("record 1"));
    assertThatThrownBy(() -> disk.sync("wal")).isInstanceOf(IOException.class)
        .hasMessageContaining("node a").hasMessageContaining("sync of \"wal\" failed")
        .hasMessageContaining("Input/output error").hasMessageContaining("Fix: ");
    assertThatThrownBy(() -> disk.sync("wal")).isInstanceOf(IOException.class)
        .hasMessageContaining("FileDisk of node a: sync of \"wal\" refused: an earlier sync")
        .hasMessageContaining("Fix: recover as after a crash")
        .hasCauseInstanceOf(IOException.class);
    assertThatThrownBy(() -> disk.append("wal", utf8("record 2")))
        .hasMessageContaining("append to \"wal\" refused");
    assertThatThrownBy(() -> disk.write("wal", 0, utf8("R")))
        .hasMessageContaining("write to \"wal\" refused");
    assertThat(realSyncs.get()).isZero();
    assertThat(disk.read("wal")).isEqualTo(utf8("record 1")); // for recovery
    disk.stop();
  }

  @Test
  void otherFilesGoOnAndADeletedFileStartsAfresh() throws Exception {
    FileDisk disk = disk();
    disk.append("wal", utf8("lost?"));
    assertThatThrownBy(() -> disk.sync("wal")).isInstanceOf(IOException.class);
    disk.append("other", utf8("fine"));
    disk.sync("other");
    assertThat(realSyncs.get()).isEqualTo(1);
    disk.delete("wal");
    assertThat(disk.append("wal", utf8("again"))).isZero();
    disk.sync("wal");
    assertThat(disk.read("wal")).isEqualTo(utf8("again"));
    disk.stop();
  }

  @Test
  void theFailureIsPerNode() throws Exception {
    FileDisk disk = disk();
    disk.append("wal", utf8("a's"));
    assertThatThrownBy(() -> disk.sync("wal")).isInstanceOf(IOException.class);
    String mine = NodeContext.enter("b");
    try {
      disk.append("wal", utf8("b's"));
      disk.sync("wal");
    } finally {
      NodeContext.restore(mine);
    }
    assertThat(realSyncs.get()).isEqualTo(1);
    disk.stop();
  }

  /**
   * The fsync returned EIO but the caller was interrupted meanwhile, so the JDK reported {@code
   * ClosedByInterruptException} in its place (and closed the channel): the kernel counts the
   * error as reported. The file must fail as after the EIO itself; before, the interrupt was
   * taken for the caller's alone, the channel reopened, and the next fsync on the new
   * descriptor said durable past the lost writes.
   */
  @Test
  void aSyncEndedByAnInterruptFailsTheFileAsAnEioWould() throws Exception {
    FileDisk disk = FileDisk.withFsync(new DiskConfig(root), channel -> {
      if (failuresLeft.getAndDecrement() > 0) {
        channel.close(); // as the JDK closes a channel whose thread was interrupted
        throw new java.nio.channels.ClosedByInterruptException();
      }
      realSyncs.incrementAndGet();
      channel.force(true);
    });
    disk.write("log", 0, utf8("one"));
    assertThatThrownBy(() -> disk.sync("log")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> disk.write("log", 3, utf8("two"))).isInstanceOf(IOException.class)
        .hasMessageContaining("log");
    assertThatThrownBy(() -> disk.sync("log")).isInstanceOf(IOException.class);
    assertThat(realSyncs).hasValue(0);
    disk.delete("log"); // deleting it is the way back, as after any failed sync
    disk.write("log", 0, utf8("three"));
    disk.sync("log");
    assertThat(realSyncs).hasValue(1);
  }
}
