package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.internal.NodeContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production disk on real files: per-node directories, positions, appends, fsync. */
class FileDiskTest {
  @TempDir Path root;
  private String previous;

  @BeforeEach
  void asNodeA() {
    previous = NodeContext.enter("a");
  }

  @AfterEach
  void restore() {
    NodeContext.restore(previous);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void writesAppendsSyncsAndReadsBackAfterReopening() throws Exception {
    FileDisk disk = new FileDisk(new DiskConfig(root));
    assertThat(disk.append("log", utf8("hello "))).isZero();
    assertThat(disk.append("log", utf8("world"))).isEqualTo(6);
    disk.write("log", 0, utf8("HELLO"));
    disk.sync("log");
    disk.stop();

    FileDisk reopened = new FileDisk(new DiskConfig(root));
    assertThat(new String(reopened.read("log"), StandardCharsets.UTF_8)).isEqualTo("HELLO world");
    assertThat(reopened.list()).containsExactly("log");
    assertThat(Files.exists(root.resolve("a").resolve("log"))).isTrue();
    reopened.delete("log");
    assertThat(reopened.list()).isEmpty();
    assertThat(reopened.read("log")).isEmpty();
    reopened.stop();
  }

  @Test
  void nodesHaveSeparateDirectories() throws Exception {
    FileDisk disk = new FileDisk(new DiskConfig(root));
    disk.append("x", utf8("from a"));
    String mine = NodeContext.enter("b");
    try {
      assertThat(disk.read("x")).isEmpty();
    } finally {
      NodeContext.restore(mine);
    }
    disk.stop();
  }

  @Test
  void badNamesAndUseOutsideANodeAreClearErrors() {
    FileDisk disk = new FileDisk(new DiskConfig(root));
    assertThatThrownBy(() -> disk.append("../escape", utf8("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a safe file name");
    NodeContext.restore(null);
    assertThatThrownBy(() -> disk.read("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside any node's code");
  }
}
