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
 */
@Ambient
@Daemon
@Production
public final class FileDisk implements Disk, Lifecycle {
  private final Path root;
  private final Map<Path, FileChannel> open = new ConcurrentHashMap<>();

  public FileDisk(DiskConfig config) {
    this.root = config.root();
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
    try {
      return Files.readAllBytes(path(file));
    } catch (NoSuchFileException e) {
      return new byte[0];
    }
  }

  @Override
  public List<String> list() throws IOException {
    Path dir = nodeDir();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
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
    Path path = path(file);
    FileChannel channel = open.get(path);
    if (channel != null) {
      return channel;
    }
    synchronized (this) {
      channel = open.get(path);
      if (channel == null) {
        Files.createDirectories(path.getParent());
        boolean created = !Files.exists(path);
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        if (created) {
          syncDirectory(path.getParent());
        }
        open.put(path, channel);
      }
      return channel;
    }
  }

  private Path path(String file) {
    if (file.isEmpty() || file.contains("/") || file.contains("\\") || file.startsWith(".")) {
      throw new IllegalArgumentException("not a plain file name: \"" + file + "\"");
    }
    return nodeDir().resolve(file);
  }

  private Path nodeDir() {
    String node = NodeContext.current();
    if (node == null) {
      throw new IllegalStateException("Disk used outside any node's code: call it from a daemon");
    }
    return root.resolve(node);
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // some platforms cannot open directories; the file's own fsync still holds its data
    }
  }
}
