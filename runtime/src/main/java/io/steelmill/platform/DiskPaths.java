package io.steelmill.platform;

import io.steelmill.runtime.internal.NodeContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where {@link FileDisk}'s files lie, and the guards that keep every path under its root: node
 * and file names are checked as single segments ({@link Names}) before a path is built, every
 * resolved path is normalized and must stay under the root, and a node's directory must be a
 * real directory (not a symbolic link, not a file) that really lies under the root.
 */
final class DiskPaths {
  private final Path root;

  DiskPaths(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /** The path of the calling node's {@code file}, checked (name and node directory). */
  Path existing(String file) throws IOException {
    Names.checkFile(file);
    Path dir = nodeDir();
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      checkNodeDirectory(dir); // a read or a delete must not follow a planted link either
    }
    return inside(dir.resolve(file));
  }

  /** The key of the calling node's {@code file} in the disk's maps; the name is checked. */
  Path key(String file) {
    Names.checkFile(file);
    return inside(nodeDir().resolve(file));
  }

  /** The calling node's directory under the root. */
  Path nodeDir() {
    String node = NodeContext.current();
    if (node == null) {
      throw new IllegalStateException("Disk used outside any node's code: call it from a daemon");
    }
    return inside(root.resolve(Names.checkNode(node)));
  }

  /** The second line of defence: {@code path}, normalized, must stay under the root. */
  Path inside(Path path) {
    Path normal = path.normalize();
    if (!normal.startsWith(root) || normal.equals(root)) {
      throw new IllegalArgumentException(path + " is outside the disk's root " + root);
    }
    return normal;
  }

  /** Creates a node's directory, refusing one that is a link or leads outside the root. */
  void createNodeDirectory(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir);
    }
    checkNodeDirectory(dir);
  }

  /** A node's directory must be a real directory (not a link, not a file) under the root. */
  void checkNodeDirectory(Path dir) throws IOException {
    if (Files.isSymbolicLink(dir)) {
      throw new IOException(dir + " is a symbolic link: refusing to follow it out of " + root);
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(dir + " is not a directory: the node's folder under " + root
          + " is taken by a file; move it away");
    }
    if (!dir.toRealPath().startsWith(root.toRealPath())) {
      throw new IOException(dir + " leads outside the disk's root " + root);
    }
  }

  /**
   * The identity (device and inode) of the file {@code path} names now; null where the file
   * system keeps none.
   */
  static Object identity(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .fileKey();
  }

  /** {@link #identity}, or null when no file can be read at {@code path} (deleted meanwhile). */
  static Object identityNow(Path path) {
    try {
      return identity(path);
    } catch (IOException gone) {
      return null;
    }
  }

  /** Makes a created or deleted name durable: an fsync of its directory. */
  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // some platforms cannot open directories; the file's own fsync still holds its data
    }
  }
}
