package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.internal.NodeContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile names and planted links against the production disk: nothing is ever written or read
 * outside its root. Every case runs as both a file name and a node name.
 */
class FileDiskHostileTest {
  /** Names that must never reach the file system. */
  static final List<String> HOSTILE_NAMES = List.of("", ".", "..", "../escaped", "../../escaped",
      "a/../../b", "/etc/passwd", "/tmp/x", "a/b", "a\\b", "..\\..\\x", "C:\\x", "c:x", "x\0y",
      "\0", "a\nb", "tab\t", "del\u007f", ".hidden", "...", "trailing.", "trailing ", "CON",
      "con.txt", "NUL", "Aux.log", "COM1", "lpt9.dat", "x".repeat(129), "é".repeat(65),
      "\ud800", "a\udc00b", "file:stream");

  @TempDir Path base;

  private FileDisk diskUnder(Path root) {
    return new FileDisk(new DiskConfig(root));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyHostileFileOrNodeNameIsRefusedAndNothingLandsOutsideTheRoot() throws Exception {
    Path root = base.resolve("root");
    FileDisk disk = diskUnder(root);
    int refused = 0;
    for (String name : HOSTILE_NAMES) {
      String previous = NodeContext.enter("good");
      try {
        assertThatThrownBy(() -> disk.append(name, utf8("x")), name)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a safe file name");
        assertThatThrownBy(() -> disk.read(name), name)
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> disk.delete(name), name)
            .isInstanceOf(IllegalArgumentException.class);
        NodeContext.enter(name);
        assertThatThrownBy(() -> disk.append("file", utf8("x")), name)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a safe node name")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\0").doesNotContain("\n"));
        assertThatThrownBy(disk::list, name).isInstanceOf(IllegalArgumentException.class);
        refused++;
      } finally {
        NodeContext.restore(previous);
      }
    }
    disk.stop();
    assertThat(refused).isEqualTo(HOSTILE_NAMES.size());
    assertThat(everythingUnder(base)).allMatch(p -> p.startsWith(root));
  }

  @Test
  void ordinaryNamesStillWork() throws Exception {
    FileDisk disk = diskUnder(base.resolve("root"));
    String previous = NodeContext.enter("node-1_a.b");
    try {
      for (String name : List.of("log", "wal.000001", "snapshot_2", "x".repeat(128), "データ")) {
        disk.append(name, utf8(name));
        disk.sync(name);
        assertThat(disk.read(name)).isEqualTo(utf8(name));
      }
      assertThat(disk.list()).hasSize(5);
    } finally {
      NodeContext.restore(previous);
      disk.stop();
    }
  }

  @Test
  void anInterruptedWriteIsPassedOnAsTheInterruptNotAsADiskFailure() throws Exception {
    FileDisk disk = diskUnder(base.resolve("root"));
    String previous = NodeContext.enter("n");
    try {
      disk.append("log", utf8("kept"));
      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(() -> disk.append("log", utf8("lost")))
            .isInstanceOf(java.nio.channels.ClosedByInterruptException.class);
      } finally {
        Thread.interrupted();
      }
    } finally {
      NodeContext.restore(previous);
      disk.stop();
    }
  }

  @Test
  void aNodeDirectoryPlantedAsALinkOutsideIsRefused() throws Exception {
    Path root = Files.createDirectories(base.resolve("root"));
    Path outside = Files.createDirectories(base.resolve("outside"));
    Files.createSymbolicLink(root.resolve("evil"), outside);
    FileDisk disk = diskUnder(root);
    String previous = NodeContext.enter("evil");
    try {
      assertThatThrownBy(() -> disk.append("file", utf8("x")))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("symbolic link");
      assertThatThrownBy(disk::list) // not an empty list that hides the planted link
          .isInstanceOf(IOException.class)
          .hasMessageContaining("symbolic link");
    } finally {
      NodeContext.restore(previous);
      disk.stop();
    }
    assertThat(everythingUnder(outside)).isEmpty();
  }

  @Test
  void aFilePlantedAsALinkIsNeitherFollowedForWritingNorForReading() throws Exception {
    Path root = Files.createDirectories(base.resolve("root"));
    Path outside = Files.writeString(base.resolve("secret.txt"), "do not touch");
    Files.createDirectories(root.resolve("a"));
    Files.createSymbolicLink(root.resolve("a").resolve("link"), outside);
    FileDisk disk = diskUnder(root);
    String previous = NodeContext.enter("a");
    try {
      assertThatThrownBy(() -> disk.append("link", utf8("overwritten")))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> disk.read("link")).isInstanceOf(IOException.class);
      disk.delete("link"); // removes the link, never its target
    } finally {
      NodeContext.restore(previous);
      disk.stop();
    }
    assertThat(Files.readString(outside)).isEqualTo("do not touch");
  }

  /**
   * Permissions only bind an unprivileged user (root bypasses them), so when the tests run as
   * root this runs {@link FileDiskUnprivileged} in a child JVM as {@code nobody} via {@code
   * setpriv}; otherwise it runs it as the current user. A root that cannot be written gives a
   * clear {@link IOException} naming the path, and hostile names are refused before permissions
   * even matter.
   */
  @Test
  void anUnwritableRootIsAClearErrorForAnUnprivilegedUser() throws Exception {
    Path root = Files.createDirectories(base.resolve("readonly-root"));
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("r-xr-xr-x"));
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> command = new ArrayList<>();
    boolean root0 = "root".equals(System.getProperty("user.name"));
    if (root0) {
      command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    }
    command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"),
        FileDiskUnprivileged.class.getName(), root.toString()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("write refused: java.io.IOException: FileDisk of node n: append to \"file\""
            + " failed: java.nio.file.AccessDeniedException: " + root.resolve("n") + ". Fix:")
        .contains("hostile name refused: not a safe node name");
    assertThat(everythingUnder(base)).containsExactly(root);
  }

  private static List<Path> everythingUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> !p.equals(dir)).toList();
    }
  }
}
