package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.internal.NodeContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production disk on a really full file system: a 64 KiB tmpfs mounted for each test (this
 * needs root, as the build machine's tests run; elsewhere the tests are skipped, saying why). A
 * full disk cuts a write short after part of it is down: the append used to leave those bytes,
 * so the next append (once space was freed) followed a torn record, and the error was a bare
 * "No space left on device" naming neither the node nor the file. Hostile positions (negative,
 * past the end a long can hold) are checked too.
 */
class FileDiskFullHostileTest {
  private Path mount;
  private String previous;
  private FileDisk disk;

  @BeforeEach
  void mountSmallTmpfs() throws Exception {
    mount = Files.createTempDirectory("steelmill-full-");
    Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k,nr_inodes=16", "tmpfs",
        mount.toString()), "mounting a 64 KiB tmpfs needs root: a real full disk cannot be"
        + " made otherwise (a file-size ulimit kills the JVM with SIGXFSZ)");
    previous = NodeContext.enter("n1");
    disk = new FileDisk(new DiskConfig(mount));
  }

  @AfterEach
  void unmount() throws Exception {
    if (disk != null) {
      disk.stop();
    }
    NodeContext.restore(previous);
    run("umount", mount.toString());
    Files.deleteIfExists(mount);
  }

  private static boolean run(String... command) throws Exception {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return false; // no such command
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return false;
    }
    return process.exitValue() == 0;
  }

  private static byte[] bytes(int length, int seed) {
    byte[] data = new byte[length];
    new SplittableRandom(seed).nextBytes(data);
    return data;
  }

  @Test
  void anAppendThatDoesNotFitLeavesTheFileAsItWasAndSaysWhoAndWhat() throws Exception {
    byte[] first = bytes(20_000, 1);
    disk.append("wal", first);
    disk.sync("wal");
    assertThatThrownBy(() -> disk.append("wal", bytes(100_000, 2)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("node n1")
        .hasMessageContaining("append to \"wal\"")
        .hasMessageContaining("No space left")
        .hasMessageContaining("Fix:")
        .hasMessageNotContaining("\n");
    assertThat(disk.read("wal")).isEqualTo(first);

    byte[] second = bytes(1_000, 3);
    assertThat(disk.append("wal", second)).isEqualTo(first.length); // no torn record before it
    disk.sync("wal");
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    assertThat(disk.read("wal")).isEqualTo(both);
  }

  @Test
  void appendsUntilFullKeepExactlyTheAppendsThatSucceeded() throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    int failures = 0;
    for (int i = 0; i < 200 && failures < 20; i++) {
      byte[] record = bytes(1 + random.nextInt(9_000), i);
      try {
        long at = disk.append("log", record);
        assertThat(at).as("append %d", i).isEqualTo(expected.size());
        expected.write(record);
      } catch (IOException e) {
        failures++;
        assertThat(e).hasMessageContaining("node n1").hasMessageContaining("Fix:");
      }
      assertThat(disk.read("log")).as("after append %d", i).isEqualTo(expected.toByteArray());
    }
    assertThat(failures).isEqualTo(20);
    disk.sync("log");
    assertThat(disk.read("log")).isEqualTo(expected.toByteArray());
  }

  @Test
  void aWritePastTheEndThatDoesNotFitDoesNotGrowTheFile() throws Exception {
    disk.write("data", 0, bytes(10_000, 4));
    assertThatThrownBy(() -> disk.write("data", 30_000, bytes(60_000, 5)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("write to \"data\"").hasMessageContaining("Fix:");
    assertThat(disk.read("data")).isEqualTo(bytes(10_000, 4));
  }

  @Test
  void noInodeLeftForANewFileIsAnErrorNamingTheNodeAndTheFile() throws Exception {
    IOException failed = null;
    int created = 0;
    for (int i = 0; i < 40 && failed == null; i++) {
      try {
        disk.append("f" + i, new byte[] {1});
        created++;
      } catch (IOException e) {
        failed = e;
      }
    }
    assertThat(failed).as("16 inodes").isNotNull();
    assertThat(failed).hasMessageContaining("node n1").hasMessageContaining("\"f" + created + "\"")
        .hasMessageContaining("Fix:");
    assertThat(disk.list()).hasSize(created);
  }

  @Test
  void hostilePositionsAreRefusedBeforeAnyFileIsMade() throws Exception {
    for (long position : new long[] {-1, Long.MIN_VALUE, Long.MAX_VALUE,
        Long.MAX_VALUE - 2}) {
      assertThatThrownBy(() -> disk.write("p", position, new byte[] {1, 2, 3, 4}))
          .as("position %d", position)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("node n1")
          .hasMessageContaining("Fix:");
    }
    assertThat(disk.list()).isEmpty();
  }
}
