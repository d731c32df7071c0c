package io.steelmill.platform;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Production;
import io.steelmill.runtime.Lifecycle;
import io.steelmill.runtime.internal.NodeContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The production {@link Disk}: a directory per node under {@link DiskConfig#root()}, a {@link
 * FileChannel} per open file, {@link FileChannel#force(boolean)} for {@link #sync}, and an fsync
 * of the directory when a file is created or deleted, so the name is durable too.
 *
 * <p>Nothing is ever read or written outside the root. Node names and file names must each be one
 * plain path segment ({@link Names}: no separator, no {@code ..}, no NUL, not empty, not too
 * long, no reserved device name), checked before any path is built; as a second line of defence,
 * every resolved path is normalized and must stay under the root, a node's directory must not be
 * a symbolic link and must really lie under the root, and files are opened without following a
 * symbolic link, so a link planted in the root cannot lead writes elsewhere.
 */
@Ambient
@Daemon
@Production
public final class FileDisk implements Disk, Lifecycle {
  private final Path root;
  private final Map<Path, FileChannel> open = new ConcurrentHashMap<>();

  public FileDisk(DiskConfig config) {
    this.root = config.root().toAbsolutePath().normalize();
  }

  @Override
  public void write(String file, long position, byte[] data) throws IOException {
    FileChannel channel = channel(file);
    ByteBuffer buffer = ByteBuffer.wrap(data);
    long at = position;
    while (buffer.hasRemaining()) {
      at += channel.write(buffer, at);
    }
  }

  @Override
  public synchronized long append(String file, byte[] data) throws IOException {
    long start = channel(file).size();
    write(file, start, data);
    return start;
  }

  @Override
  public void sync(String file) throws IOException {
    channel(file).force(true);
  }

  @Override
  public byte[] read(String file) throws IOException {
    Path path = path(file);
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ,
        LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw new IOException(path + " is too large to read whole (" + size + " bytes)");
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // until full or the end
      }
      return buffer.position() == buffer.capacity() ? buffer.array()
          : java.util.Arrays.copyOf(buffer.array(), buffer.position());
    } catch (NoSuchFileException e) {
      return new byte[0];
    }
  }

  @Override
  public List<String> list() throws IOException {
    Path dir = nodeDir();
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    checkNodeDirectory(dir);
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Override
  public void delete(String file) throws IOException {
    Path path = path(file);
    FileChannel channel = open.remove(path);
    if (channel != null) {
      channel.close();
    }
    if (Files.deleteIfExists(path)) {
      syncDirectory(path.getParent());
    }
  }

  @Override
  public void stop() throws IOException {
    for (FileChannel channel : open.values()) {
      channel.close();
    }
    open.clear();
  }

  private FileChannel channel(String file) throws IOException {
    Names.checkFile(file);
    FileChannel channel = open.get(inside(nodeDir().resolve(file)));
    if (channel != null) {
      return channel; // opened, with every check, before: it holds that file whatever happens
    }
    Path path = path(file);
    synchronized (this) {
      channel = open.get(path);
      if (channel == null) {
        createNodeDirectory(path.getParent());
        boolean created = !Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        if (created) {
          syncDirectory(path.getParent());
        }
        open.put(path, channel);
      }
      return channel;
    }
  }

  private Path path(String file) throws IOException {
    Names.checkFile(file);
    Path dir = nodeDir();
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      checkNodeDirectory(dir); // a read or a delete must not follow a planted link either
    }
    return inside(dir.resolve(file));
  }

  private Path nodeDir() {
    String node = NodeContext.current();
    if (node == null) {
      throw new IllegalStateException("Disk used outside any node's code: call it from a daemon");
    }
    return inside(root.resolve(Names.checkNode(node)));
  }

  /** The second line of defence: {@code path}, normalized, must stay under the root. */
  private Path inside(Path path) {
    Path normal = path.normalize();
    if (!normal.startsWith(root) || normal.equals(root)) {
      throw new IllegalArgumentException(path + " is outside the disk's root " + root);
    }
    return normal;
  }

  /** Creates a node's directory, refusing one that is a link or leads outside the root. */
  private void createNodeDirectory(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir);
    }
    checkNodeDirectory(dir);
  }

  /** A node's directory must be a real directory (not a link, not a file) under the root. */
  private void checkNodeDirectory(Path dir) throws IOException {
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

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // some platforms cannot open directories; the file's own fsync still holds its data
    }
  }
}
