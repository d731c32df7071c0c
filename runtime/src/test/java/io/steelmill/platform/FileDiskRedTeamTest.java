package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.runtime.internal.NodeContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second battery against the production disk, of the kinds the first ({@link
 * FileDiskHostileTest}) does not cover: Unicode look-alikes and normalization tricks, invisible
 * characters, the characters Windows forbids, and links or files swapped in between two calls.
 */
class FileDiskRedTeamTest {
  /** Names that look harmless to a reader, or fold into something harmful on some system. */
  static final List<String> LOOK_ALIKES = List.of(
      "\uff0e\uff0e", // full-width "..": NFKC folds it into ".."
      "\u2024\u2024", // one-dot leaders
      "a\uff0fb", // full-width solidus
      "a\uff3cb", // full-width reverse solidus
      "\uff43\uff4f\uff4e", // full-width "con"
      "e\u0301", // "é" decomposed (NFD): a normalizing file system merges it with "é"
      "a\u200bb", // zero-width space
      "\u202egnp.exe", // right-to-left override
      "a\u2028b", // line separator
      "a\u0085b", // next line (C1 control)
      "a\ufeffb", // byte order mark
      "a\ue000b", // private use
      "a\u0378b", // unassigned
      "a\u00a0", // trailing no-break space
      "a\u3000", // trailing ideographic space
      " a", // leading space
      "\u00a0a", // leading no-break space
      "a*", "a?", "a<b", "a>b", "a|b", "a\"b", // what Windows forbids
      "aux\u00a0.txt", "..\u200b", ".\u0301");

  @TempDir Path base;

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void lookAlikesAndInvisibleCharactersAreRefusedAsFileAndNodeNames() throws Exception {
    Path root = base.resolve("root");
    FileDisk disk = new FileDisk(new DiskConfig(root));
    int refused = 0;
    for (String name : LOOK_ALIKES) {
      String label = Names.quoted(name);
      String previous = NodeContext.enter("good");
      try {
        assertThatThrownBy(() -> disk.append(name, utf8("x")), label)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a safe file name")
            .satisfies(e -> assertThat(e.getMessage()).as(label)
                .doesNotContain("\u2028").doesNotContain("\u202e").doesNotContain("\u0085"));
        assertThatThrownBy(() -> disk.read(name), label)
            .isInstanceOf(IllegalArgumentException.class);
        NodeContext.enter(name);
        assertThatThrownBy(() -> disk.append("f", utf8("x")), label)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a safe node name");
        refused++;
      } finally {
        NodeContext.restore(previous);
      }
    }
    disk.stop();
    assertThat(refused).isEqualTo(LOOK_ALIKES.size());
    assertThat(everythingUnder(base)).isEmpty();
  }

  @Test
  void literalLookingEscapesAndNonLatinNamesStayPlainFilesInsideTheRoot() throws Exception {
    Path root = base.resolve("root");
    FileDisk disk = new FileDisk(new DiskConfig(root));
    List<String> names = List.of("%2e%2e", "%2f", "x%2f..%2fy", "a..b", "\u00e9", "\u65e5\u672c",
        "x~1", "-rf", "\ud83d\ude00");
    String previous = NodeContext.enter("n");
    try {
      for (String name : names) {
        disk.append(name, utf8(name));
        assertThat(disk.read(name)).as(name).isEqualTo(utf8(name));
        assertThat(root.resolve("n").resolve(name)).as(name).isRegularFile();
      }
      assertThat(disk.list()).hasSize(names.size());
    } finally {
      NodeContext.restore(previous);
      disk.stop();
    }
    assertThat(everythingUnder(base)).allMatch(p -> p.startsWith(root));
  }

  @Test
  void aNodeDirectorySwappedForALinkBetweenCallsIsNeitherReadNorDeletedThrough()
      throws Exception {
    Path root = Files.createDirectories(base.resolve("root"));
    Path outside = Files.createDirectories(base.resolve("outside"));
    Files.writeString(outside.resolve("f"), "secret");
    FileDisk disk = new FileDisk(new DiskConfig(root));
    String previous = NodeContext.enter("n");
    try {
      disk.append("g", utf8("mine"));
      disk.stop();
      // between two calls, someone swaps the node's directory for a link out of the root
      Files.delete(root.resolve("n").resolve("g"));
      Files.delete(root.resolve("n"));
      Files.createSymbolicLink(root.resolve("n"), outside);
      assertThatThrownBy(() -> disk.read("f")).isInstanceOf(IOException.class)
          .hasMessageContaining("symbolic link");
      assertThatThrownBy(() -> disk.delete("f")).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> disk.append("f", utf8("overwritten")))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(disk::list).isInstanceOf(IOException.class);
    } finally {
      NodeContext.restore(previous);
      disk.stop();
    }
    assertThat(Files.readString(outside.resolve("f"))).isEqualTo("secret");
    assertThat(everythingUnder(outside)).containsExactly(outside.resolve("f"));
  }

  @Test
  void aNodeFolderTakenByAFileIsAClearError() throws Exception {
    Path root = Files.createDirectories(base.resolve("root"));
    Files.writeString(root.resolve("n"), "a file, not a folder");
    FileDisk disk = new FileDisk(new DiskConfig(root));
    String previous = NodeContext.enter("n");
    try {
      assertThatThrownBy(() -> disk.append("f", utf8("x"))).isInstanceOf(IOException.class)
          .hasMessageContaining("not a directory");
      assertThatThrownBy(() -> disk.read("f")).isInstanceOf(IOException.class)
          .hasMessageContaining("not a directory");
      assertThatThrownBy(disk::list).isInstanceOf(IOException.class);
    } finally {
      NodeContext.restore(previous);
      disk.stop();
    }
    assertThat(Files.readString(root.resolve("n"))).isEqualTo("a file, not a folder");
  }

  @Test
  void aRootThatIsALinkIsFollowedOnceAndNothingLeavesItsTarget() throws Exception {
    Path real = Files.createDirectories(base.resolve("real"));
    Path link = Files.createSymbolicLink(base.resolve("link"), real);
    FileDisk disk = new FileDisk(new DiskConfig(link.resolve("sub").resolve("..")));
    String previous = NodeContext.enter("n");
    try {
      disk.append("f", utf8("x"));
      assertThat(disk.read("f")).isEqualTo(utf8("x"));
    } finally {
      NodeContext.restore(previous);
      disk.stop();
    }
    assertThat(real.resolve("n").resolve("f")).isRegularFile();
  }

  @Test
  void aFileSwappedForALinkAfterItWasClosedIsNotFollowed() throws Exception {
    Path root = Files.createDirectories(base.resolve("root"));
    Path outside = Files.writeString(base.resolve("secret.txt"), "do not touch");
    FileDisk disk = new FileDisk(new DiskConfig(root));
    String previous = NodeContext.enter("n");
    try {
      disk.append("f", utf8("x"));
      disk.stop();
      Files.delete(root.resolve("n").resolve("f"));
      Files.createSymbolicLink(root.resolve("n").resolve("f"), outside);
      assertThatThrownBy(() -> disk.append("f", utf8("overwritten")))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> disk.read("f")).isInstanceOf(IOException.class);
    } finally {
      NodeContext.restore(previous);
      disk.stop();
    }
    assertThat(Files.readString(outside)).isEqualTo("do not touch");
  }

  private static List<Path> everythingUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> !p.equals(dir)).toList();
    }
  }
}
