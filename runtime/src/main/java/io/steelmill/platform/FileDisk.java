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
  /** The channels kept open, within a budget, each with its file's identity when opened. */
  private final OpenFiles open;
  /**
   * The files whose fsync failed, with that failure: what they hold on disk is unknown, so every
   * later write, append and sync of them fails until they are deleted (see {@link #sync}).
   */
  private final Map<Path, IOException> failed = new ConcurrentHashMap<>();
  private final Fsync fsync;

  /** How a file's channel is made durable: {@code force(true)}; tests make it fail. */
  interface Fsync {
    void force(FileChannel channel) throws IOException;
  }

  public FileDisk(DiskConfig config) {
    this(config, channel -> channel.force(true));
  }

  /** Private: the processor would see a second constructor to choose from. */
  private FileDisk(DiskConfig config, Fsync fsync) {
    this.root = config.root().toAbsolutePath().normalize();
    this.fsync = fsync;
    this.open = new OpenFiles(OpenFiles.BUDGET, fsync);
  }

  /** A disk whose syncs go through {@code fsync}: tests make one fail as a device would. */
  static FileDisk withFsync(DiskConfig config, Fsync fsync) {
    return new FileDisk(config, fsync);
  }

  @Override
  public synchronized void write(String file, long position, byte[] data) throws IOException {
    checkRange("write to", file, position, data);
    checkNotFailed("write to", file);
    try {
      FileChannel channel = channel(file);
      open.written(inside(nodeDir().resolve(file)));
      writeAt(channel, position, data);
    } catch (IOException e) {
      throw failure("write to", file, e);
    }
  }

  @Override
  public synchronized long append(String file, byte[] data) throws IOException {
    checkNotFailed("append to", file);
    try {
      FileChannel channel = channel(file);
      long start = channel.size();
      checkRange("append to", file, start, data);
      open.written(inside(nodeDir().resolve(file)));
      writeAt(channel, start, data);
      return start;
    } catch (IOException e) {
      throw failure("append to", file, e);
    }
  }

  /**
   * Forces the file to its device. A failed fsync fails the file for good: after one, the kernel
   * may have dropped the pages it could not write and marked them clean, so a second fsync would
   * succeed without having written them (PostgreSQL's "fsyncgate", 2018); what the file holds on
   * disk is unknown. Every later write, append and sync of the file then throws, naming the
   * first failure, until the file is deleted; read still returns what the system has, for the
   * recovery the caller must do as after a crash. An interrupted caller ({@code
   * ClosedByInterruptException}) does not fail the file.
   */
  @Override
  public void sync(String file) throws IOException {
    checkNotFailed("sync of", file);
    for (int attempt = 1; !syncOnce(file, attempt); attempt++) {
      checkNotFailed("sync of", file); // its channel was closed for the budget, synced first
    }
    checkStillThere(file);
  }

  /**
   * Syncs {@code file}'s channel; false if another thread closed it meanwhile to keep within
   * the budget of open files (it synced it first), so the caller syncs the file again.
   */
  private boolean syncOnce(String file, int attempt) throws IOException {
    FileChannel channel;
    try {
      channel = channel(file); // opening it may fail too (descriptors, permissions): no fsync ran
    } catch (IOException e) {
      throw failure("sync of", file, e);
    }
    Path path = inside(nodeDir().resolve(file)); // the name is checked: it stays in the root
    open.syncing(path);
    try {
      fsync.force(channel);
      return true;
    } catch (java.nio.channels.ClosedChannelException e) {
      boolean evicted = !(e instanceof java.nio.channels.ClosedByInterruptException)
          && attempt < 3 && (open.get(path) == null || open.get(path).channel() != channel);
      if (evicted) {
        return false;
      }
      IOException failure = failure("sync of", file, e);
      if (failure != e) {
        failed.putIfAbsent(path, failure);
      }
      throw failure;
    } catch (IOException e) {
      IOException failure = failure("sync of", file, e);
      if (failure != e) { // not an interrupt: the file's durable state is now unknown
        failed.putIfAbsent(inside(nodeDir().resolve(file)), failure);
      }
      throw failure;
    }
  }

  /**
   * After a sync: the file the channel holds must still be the one its name leads to. If another
   * program deleted it, renamed another file over it or removed the node's folder, what was just
   * "synced" lives in a file nobody can open: the file fails as after a failed fsync, and its
   * channel is closed (a new file of that name starts known once the caller deletes it).
   */
  private void checkStillThere(String file) throws IOException {
    Path path = inside(nodeDir().resolve(file));
    OpenFiles.Opened current = open.get(path);
    Object opened = current == null ? null : current.identity();
    if (opened == null) {
      return; // closed meanwhile (deleted, or for the budget: its next open checks anew)
    }
    Object now;
    try {
      now = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS).fileKey();
    } catch (IOException gone) {
      now = null;
    }
    if (opened.equals(now)) {
      return;
    }
    IOException changed = new IOException("FileDisk of node " + NodeContext.current() + ": sync"
        + " of " + Names.quoted(file) + " failed: the file was deleted or replaced under the disk"
        + " (by something other than it) since it was opened, so what was written to it since is"
        + " in no file. Fix: keep other programs out of " + root + ", then recover as after a"
        + " crash: read what is left, and delete the file before writing it anew");
    failed.putIfAbsent(path, changed);
    open.remove(path);
    throw changed;
  }

  /** Refuses to touch a file whose sync failed (see {@link #sync}). */
  private void checkNotFailed(String what, String file) throws IOException {
    if (failed.isEmpty()) {
      return; // the common case: one read of a map's size
    }
    Names.checkFile(file);
    IOException first = failed.get(inside(nodeDir().resolve(file)));
    if (first != null) {
      throw new IOException("FileDisk of node " + NodeContext.current() + ": " + what + " "
          + Names.quoted(file) + " refused: an earlier sync of it failed, so what it holds on"
          + " disk is unknown (the system may have dropped the unsynced writes and would let a"
          + " new sync succeed without them). Fix: recover as after a crash: read what is left,"
          + " write what must be kept to a new file and sync that, then delete this one", first);
    }
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
    } catch (IOException e) {
      throw failure("read of", file, e);
    }
  }

  /**
   * Writes all of {@code data} at {@code position}, or nothing past the file's former end: a
   * write the file system cuts short (disk full, quota, file size limit) has already put part of
   * the bytes down, and an append torn that way would leave garbage that the next append would
   * follow. So the file is truncated back to its size before the write, and the error is thrown.
   * Bytes overwritten inside the former size cannot be restored: the caller must treat that range
   * as unknown, as after a crash.
   */
  private static void writeAt(FileChannel channel, long position, byte[] data)
      throws IOException {
    long sizeBefore = channel.size();
    ByteBuffer buffer = ByteBuffer.wrap(data);
    long at = position;
    try {
      while (buffer.hasRemaining()) {
        at += channel.write(buffer, at);
      }
    } catch (IOException e) {
      try {
        if (channel.size() > sizeBefore) {
          channel.truncate(sizeBefore);
        }
      } catch (IOException undo) {
        e.addSuppressed(undo);
      }
      throw e;
    }
  }

  /** A negative position or one whose end a long cannot hold: the caller's mistake. */
  private static void checkRange(String what, String file, long position, byte[] data) {
    if (position < 0 || position + data.length < 0) {
      throw new IllegalArgumentException("FileDisk of node " + NodeContext.current() + ": "
          + what + " " + Names.quoted(file) + " at position " + position + " (" + data.length
          + " bytes): positions run from 0 to " + Long.MAX_VALUE + ". Fix: write at 0 or"
          + " after it");
    }
  }

  /**
   * {@code e}, said in one line with the node, the operation and the file, and what to do: a
   * bare "No space left on device" names none of them. An interrupt is passed on as it came
   * ({@code ClosedByInterruptException}): the caller's, not the disk's, and callers tell it apart
   * by its type.
   */
  private IOException failure(String what, String file, IOException e) {
    if (e instanceof java.nio.channels.ClosedByInterruptException
        || e instanceof java.io.InterruptedIOException) {
      return e; // the caller was interrupted: nothing is wrong with the file system
    }
    // a plain IOException's message says it all ("No space left on device"); a subclass's often
    // is only the path (AccessDeniedException), so its name goes first
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    String cause = e.getClass() == IOException.class ? message : e.getClass().getName() + ": "
        + message;
    boolean full = cause.contains("No space left") || cause.contains("Disk quota exceeded")
        || cause.contains("File too large");
    return new IOException("FileDisk of node " + NodeContext.current() + ": " + what + " "
        + Names.quoted(file) + " failed: " + cause + (full
            ? " (nothing past the file's former end was kept). Fix: free space on the file"
                + " system of " + root + ", or give DiskConfig a root on a larger one"
            : ". Fix: check the file system under " + root + " (permissions, links, health)"), e);
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
    try {
      open.remove(path);
      if (Files.deleteIfExists(path)) {
        syncDirectory(path.getParent());
      }
      failed.remove(path); // gone, durably: a new file of that name starts known
    } catch (IOException e) {
      throw failure("delete of", file, e);
    }
  }

  @Override
  public void stop() throws IOException {
    open.closeAll();
  }

  private FileChannel channel(String file) throws IOException {
    Names.checkFile(file);
    OpenFiles.Opened known = open.get(inside(nodeDir().resolve(file)));
    if (known != null) {
      return known.channel(); // opened, with every check, before: it holds that file whatever
    }
    Path path = path(file);
    synchronized (this) {
      known = open.get(path);
      FileChannel channel = known == null ? null : known.channel();
      if (channel == null) {
        createNodeDirectory(path.getParent());
        boolean created = !Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        if (created) {
          syncDirectory(path.getParent());
        }
        Object identity;
        try {
          identity = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
              LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
          channel.close();
          throw e;
        }
        open.put(path, new OpenFiles.Opened(channel, identity), failed::putIfAbsent);
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
