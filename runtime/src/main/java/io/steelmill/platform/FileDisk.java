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
    this(config, channel -> channel.force(true), OpenFiles.BUDGET);
  }

  /** Private: the processor would see a second constructor to choose from. */
  private FileDisk(DiskConfig config, Fsync fsync, int budget) {
    this.root = config.root().toAbsolutePath().normalize();
    this.fsync = fsync;
    this.open = new OpenFiles(budget);
  }

  /** A disk whose syncs go through {@code fsync}: tests make one fail as a device would. */
  static FileDisk withFsync(DiskConfig config, Fsync fsync) {
    return new FileDisk(config, fsync, OpenFiles.BUDGET);
  }

  /** The same with a budget of {@code budget} open files: tests reach it with a few files. */
  static FileDisk withFsync(DiskConfig config, Fsync fsync, int budget) {
    return new FileDisk(config, fsync, budget);
  }

  @Override
  public void write(String file, long position, byte[] data) throws IOException {
    checkRange("write to", file, position, data);
    checkNotFailed("write to", file);
    try {
      synchronized (this) {
        FileChannel channel = channel(file, "write to");
        open.written(inside(nodeDir().resolve(file)));
        writeAt(channel, position, data);
      }
    } catch (IOException e) {
      throw failure("write to", file, e);
    } finally {
      closeEvicted();
    }
  }

  @Override
  public long append(String file, byte[] data) throws IOException {
    checkNotFailed("append to", file);
    try {
      synchronized (this) {
        FileChannel channel = channel(file, "append to");
        long start = channel.size();
        checkRange("append to", file, start, data);
        open.written(inside(nodeDir().resolve(file)));
        writeAt(channel, start, data);
        return start;
      }
    } catch (IOException e) {
      throw failure("append to", file, e);
    } finally {
      closeEvicted();
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
   *
   * <p>The channel is synced once, never on a second descriptor: while the sync runs, the budget
   * of open files does not close it (see {@link OpenFiles}), and a delete of the file meanwhile
   * leaves it open until the sync ends (the sync then counts as made before the delete, and the
   * file stays deleted). A channel closed under the sync anyway fails the file.
   */
  @Override
  public void sync(String file) throws IOException {
    checkNotFailed("sync of", file);
    Path path;
    OpenFiles.Opened opened;
    long covers;
    try {
      synchronized (this) {
        channel(file, "sync of"); // opening may fail too (descriptors, permissions): no fsync ran
        path = inside(nodeDir().resolve(file)); // the name is checked: it stays in the root
        opened = open.get(path);
        covers = open.syncStarts(opened);
      }
    } catch (IOException e) {
      throw failure("sync of", file, e);
    } finally {
      closeEvicted();
    }
    long covered = -1;
    try {
      fsync.force(opened.channel());
      covered = covers;
    } catch (IOException e) {
      IOException failure = failure("sync of", file, e);
      synchronized (this) {
        if (failure != e && !opened.forgotten()) { // not an interrupt, and not deleted meanwhile:
          failed.putIfAbsent(path, failure); // the file's durable state is now unknown
        }
      }
      throw failure;
    } finally {
      boolean close;
      synchronized (this) {
        close = open.syncEnds(opened, covered);
      }
      if (close) {
        closeQuietly(opened.channel());
      }
    }
    checkStillThere(file, path, opened);
  }

  /**
   * After a sync: the file the channel holds must still be the one its name leads to. If another
   * program deleted it, renamed another file over it or removed the node's folder, what was just
   * "synced" lives in a file nobody can open: the file fails as after a failed fsync, and its
   * channel is closed (a new file of that name starts known once the caller deletes it). A
   * channel the disk closed meanwhile is not checked: a file it deleted was synced before it was
   * deleted, and a file closed for the budget is left to its next open (a known gap).
   */
  private void checkStillThere(String file, Path path, OpenFiles.Opened synced)
      throws IOException {
    synchronized (this) {
      if (open.get(path) != synced || synced.identity() == null) {
        return;
      }
    }
    Object now;
    try {
      now = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS).fileKey();
    } catch (IOException gone) {
      now = null;
    }
    if (synced.identity().equals(now)) {
      return;
    }
    IOException changed = new IOException("FileDisk of node " + NodeContext.current() + ": sync"
        + " of " + Names.quoted(file) + " failed: the file was deleted or replaced under the disk"
        + " (by something other than it) since it was opened, so what was written to it since is"
        + " in no file. Fix: keep other programs out of " + root + ", then recover as after a"
        + " crash: read what is left, and delete the file before writing it anew");
    FileChannel toClose = null;
    synchronized (this) {
      if (open.get(path) == synced) { // not deleted by the disk meanwhile
        failed.putIfAbsent(path, changed);
        toClose = open.remove(path);
      }
    }
    if (toClose != null) {
      closeQuietly(toClose);
    }
    throw changed;
  }

  /**
   * Syncs (if written since their last sync) and closes the channels taken out for the budget,
   * outside the disk's lock: an fsync of one file must not stall the writes of every node. A
   * failed sync fails the file, in the words of a failed {@link #sync}, naming its node.
   */
  private void closeEvicted() {
    while (true) {
      OpenFiles.Evicted evicted;
      synchronized (this) {
        evicted = open.nextToClose();
      }
      if (evicted == null) {
        return;
      }
      Path path = evicted.path();
      try {
        if (evicted.unsynced()) {
          fsync.force(evicted.opened().channel());
        }
      } catch (IOException e) {
        failed.putIfAbsent(path, failure(path.getParent().getFileName().toString(), "sync (before"
            + " closing it, to keep at most " + open.budget() + " files open) of",
            path.getFileName().toString(), e, false));
      } finally {
        closeQuietly(evicted.opened().channel());
        synchronized (this) {
          open.closed(path);
          notifyAll(); // a thread may wait to open this file again
        }
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // its data went down with a sync, or the file has failed, or was deleted
    }
  }

  /** A refusal to touch a failed file: already said in full, so never wrapped again. */
  private static final class Refused extends IOException {
    Refused(String message, IOException first) {
      super(message, first);
    }
  }

  /** Refuses to touch a file whose sync failed (see {@link #sync}). */
  private void checkNotFailed(String what, String file) throws IOException {
    if (failed.isEmpty()) {
      return; // the common case: one read of a map's size
    }
    Names.checkFile(file);
    IOException first = failed.get(inside(nodeDir().resolve(file)));
    if (first != null) {
      throw new Refused("FileDisk of node " + NodeContext.current() + ": " + what + " "
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
    return failure(NodeContext.current(), what, file, e, true);
  }

  /** The same for a file of {@code node}; an interrupt is said in full unless {@code asCame}. */
  private IOException failure(String node, String what, String file, IOException e,
      boolean asCame) {
    if (e instanceof Refused) {
      return e;
    }
    if (asCame && (e instanceof java.nio.channels.ClosedByInterruptException
        || e instanceof java.io.InterruptedIOException)) {
      return e; // the caller was interrupted: nothing is wrong with the file system
    }
    // a plain IOException's message says it all ("No space left on device"); a subclass's often
    // is only the path (AccessDeniedException), so its name goes first
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    String cause = e.getClass() == IOException.class ? message : e.getClass().getName() + ": "
        + message;
    boolean full = cause.contains("No space left") || cause.contains("Disk quota exceeded")
        || cause.contains("File too large");
    return new IOException("FileDisk of node " + node + ": " + what + " "
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
      FileChannel channel;
      synchronized (this) {
        awaitClosed(path); // a sync for the budget still running could fail the file after this
        channel = open.remove(path); // null while a sync of it runs: that sync closes it
      }
      if (channel != null) {
        channel.close();
      }
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
    List<FileChannel> channels;
    synchronized (this) {
      channels = open.removeAll();
    }
    IOException first = null;
    for (FileChannel channel : channels) {
      try {
        channel.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * The channel of {@code file}, opened if it is not open (with every check). Under the disk's
   * lock. A file whose former channel is being synced and closed for the budget is not opened
   * again until that is done (a new descriptor would not hear of that sync's error), and a file
   * is checked anew for a failure before it is opened.
   */
  private FileChannel channel(String file, String what) throws IOException {
    Names.checkFile(file);
    Path path = inside(nodeDir().resolve(file));
    OpenFiles.Opened known = open.get(path);
    if (known != null) {
      return known.channel(); // opened, with every check, before: it holds that file whatever
    }
    awaitClosed(path);
    known = open.get(path);
    if (known != null) {
      return known.channel(); // another thread opened it while this one waited
    }
    checkNotFailed(what, file); // its sync for the budget may have failed since the caller's check
    path = path(file);
    createNodeDirectory(path.getParent());
    boolean created = !Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
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
    open.put(path, new OpenFiles.Opened(channel, identity));
    return channel;
  }

  /**
   * Under the disk's lock: waits (letting go of the lock) until no channel of {@code path} is
   * being synced and closed for the budget. Another thread may have opened it meanwhile.
   */
  private void awaitClosed(Path path) throws IOException {
    while (open.closing(path) && open.get(path) == null) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while " + path.getFileName()
            + " was being closed");
      }
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
