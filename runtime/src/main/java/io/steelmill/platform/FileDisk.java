package io.steelmill.platform;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Production;
import io.steelmill.runtime.Lifecycle;
import io.steelmill.runtime.internal.NodeContext;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The production {@link Disk}: a directory per node under {@link DiskConfig#root()}, a {@link
 * FileChannel} per open file, {@link FileChannel#force(boolean)} for {@link #sync}, and an fsync
 * of the directory when a file is created or deleted, so the name is durable too.
 *
 * <p>Nothing is ever read or written outside the root ({@link DiskPaths}): node and file names
 * are single plain segments, every path must stay under the root, a node's directory must not be
 * a symbolic link, and files are opened without following one. Failures are said in one line
 * naming the node, the operation and the file ({@link DiskErrors}); the channels kept open are
 * within a budget ({@link OpenFiles}).
 *
 * <p>A channel is shared by every caller of its file, and the JDK closes a channel when a thread
 * using it is interrupted: the interrupted caller gets its {@code ClosedByInterruptException},
 * and the file is opened anew for the next caller rather than failing every later call.
 */
@Ambient
@Daemon
@Production
public final class FileDisk implements Disk, Lifecycle {
  private final DiskPaths paths;
  private final DiskErrors errors;
  /** The files open and failed; its monitor is the disk's lock. */
  private final DiskChannels channels;
  private final OpenFiles open;
  private final Map<Path, IOException> failed;
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
    this.paths = new DiskPaths(config.root());
    this.errors = new DiskErrors(paths.root());
    this.fsync = fsync;
    this.channels = new DiskChannels(paths, errors, fsync, budget);
    this.open = channels.open;
    this.failed = channels.failed;
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
    DiskArguments.check("FileDisk", NodeContext.current(), "write to", file, position, data);
    put(file, "write to", position, data);
  }

  @Override
  public long append(String file, byte[] data) throws IOException {
    DiskArguments.check("FileDisk", NodeContext.current(), "append to", file, 0, data);
    return put(file, "append to", -1, data);
  }

  /** Writes {@code data} at {@code position} of {@code file}, or at its end if negative. */
  private long put(String file, String what, long position, byte[] data) throws IOException {
    channels.checkNotFailed(what, file);
    OpenFiles.Opened opened = null;
    try {
      synchronized (channels) {
        opened = channels.opened(file, what);
        FileChannel channel = opened.channel();
        long at = position >= 0 ? position : channel.size();
        DiskArguments.check("FileDisk", NodeContext.current(), what, file, at, data);
        open.written(paths.key(file));
        writeAt(channel, at, data);
        return at;
      }
    } catch (IOException e) {
      channels.forgetIfClosed(file, opened);
      throw failure(what, file, e);
    } finally {
      channels.closeEvicted();
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
   * <p>The channel is synced once at a time, never on a second descriptor: a second sync of the
   * file waits for the first (both on one descriptor, the second could be told "durable" about
   * writes whose loss the kernel reported to the first only), then fails if the first did. While
   * a sync runs, the budget of open files does not close its channel (see {@link OpenFiles}),
   * and a delete of the file meanwhile leaves it open until the sync ends (the sync then counts
   * as made before the delete, and the file stays deleted). A channel closed under the sync
   * anyway fails the file.
   */
  @Override
  public void sync(String file) throws IOException {
    channels.checkNotFailed("sync of", file);
    Path path;
    OpenFiles.Opened opened;
    long covers;
    try {
      synchronized (channels) {
        opened = channels.opened(file, "sync of"); // opening may fail (descriptors, permissions)
        path = paths.key(file);
        covers = open.syncStarts(opened);
      }
    } catch (IOException e) {
      throw failure("sync of", file, e);
    } finally {
      channels.closeEvicted();
    }
    long covered = -1;
    try {
      forceInTurn(file, path, opened);
      covered = covers;
    } finally {
      boolean close;
      synchronized (channels) {
        close = open.syncEnds(opened, covered);
      }
      if (close) {
        DiskChannels.closeQuietly(opened.channel());
      }
    }
    checkStillThere(file, path, opened);
  }

  /**
   * Forces {@code opened} once no other sync of it runs, unless a sync of it failed meanwhile; a
   * failure fails the file before the next sync of it may look.
   */
  private void forceInTurn(String file, Path path, OpenFiles.Opened opened) throws IOException {
    try {
      opened.forcing().lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while another sync of " + file + " ran");
    }
    try {
      IOException first = failed.get(path);
      if (first != null) {
        throw DiskErrors.refused(NodeContext.current(), "sync of", file, first);
      }
      fsync.force(opened.channel());
    } catch (IOException e) {
      IOException failure = failure("sync of", file, e);
      synchronized (channels) {
        // An fsync that did not return normally, interrupted or closed under it included, may
        // have consumed a write-back error the kernel reports once: the file's durable state is
        // unknown, and a later fsync on a new descriptor could say durable past lost writes.
        // Only a file deleted meanwhile leaves nothing to fail.
        if (!opened.deleted()) {
          failed.putIfAbsent(path, failure == e
              ? errors.failure(NodeContext.current(), "sync of", file, e, true) : failure);
        }
      }
      throw failure;
    } finally {
      opened.forcing().unlock();
    }
  }

  /**
   * After a sync: the file the channel holds must still be the one its name leads to. If another
   * program deleted it, renamed another file over it or removed the node's folder, what was just
   * "synced" lives in a file nobody can open: the file fails as after a failed fsync, and its
   * channel is closed (a new file of that name starts known once the caller deletes it). A
   * channel the disk closed meanwhile is not checked: a file it deleted was synced before it was
   * deleted, and a file closed for the budget is checked when it is opened again ({@link
   * DiskChannels}).
   */
  private void checkStillThere(String file, Path path, OpenFiles.Opened synced)
      throws IOException {
    synchronized (channels) {
      if (open.get(path) != synced || synced.identity() == null) {
        return;
      }
    }
    Object now = DiskPaths.identityNow(path);
    if (synced.identity().equals(now)) {
      return;
    }
    IOException changed = errors.replaced(NodeContext.current(), file);
    FileChannel toClose = null;
    synchronized (channels) {
      if (open.get(path) == synced) { // not deleted by the disk meanwhile
        failed.putIfAbsent(path, changed);
        toClose = open.remove(path);
      }
    }
    if (toClose != null) {
      DiskChannels.closeQuietly(toClose);
    }
    throw changed;
  }

  @Override
  public byte[] read(String file) throws IOException {
    Path path = paths.existing(file);
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ,
        LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw DiskErrors.tooLarge(path, size);
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // until full or the end
      }
      return buffer.position() == buffer.capacity() ? buffer.array()
          : Arrays.copyOf(buffer.array(), buffer.position());
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

  /** {@code e} of {@code what} on the calling node's {@code file}, said in one line. */
  private IOException failure(String what, String file, IOException e) {
    return errors.failure(NodeContext.current(), what, file, e, false);
  }

  @Override
  public List<String> list() throws IOException {
    Path dir = paths.nodeDir();
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    paths.checkNodeDirectory(dir);
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Override
  public void delete(String file) throws IOException {
    Path path = paths.existing(file);
    try {
      FileChannel channel;
      synchronized (channels) {
        channels.awaitClosed(path); // a running sync for the budget could fail the file later
        channel = open.remove(path); // null while a sync of it runs: that sync closes it
      }
      if (channel != null) {
        channel.close();
      }
      if (Files.deleteIfExists(path)) {
        DiskPaths.syncDirectory(path.getParent());
      }
      failed.remove(path); // gone, durably: a new file of that name starts known
    } catch (IOException e) {
      throw failure("delete of", file, e);
    }
  }

  @Override
  public void stop() throws IOException {
    IOException first = null;
    for (FileChannel channel : channels.removeAll()) {
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

}
