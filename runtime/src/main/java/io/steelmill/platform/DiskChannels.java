package io.steelmill.platform;

import io.steelmill.runtime.internal.NodeContext;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files a {@link FileDisk} has open and the files it has failed, and its lock (this object's
 * monitor: everything of {@link OpenFiles} is done under it). Opening checks every name and path
 * ({@link DiskPaths}), waits for a channel of the same file that the budget is closing, and checks
 * the file for a failure anew; channels taken out for the budget are synced and closed outside
 * the lock; a channel the JDK closed under an interrupted caller is forgotten, so that the next
 * caller opens its file anew.
 */
final class DiskChannels {
  final OpenFiles open;
  /**
   * The files whose fsync failed, with that failure: what they hold on disk is unknown, so every
   * later write, append and sync of them fails until they are deleted (see {@link FileDisk#sync}).
   */
  final Map<Path, IOException> failed = new ConcurrentHashMap<>();
  private final DiskPaths paths;
  private final DiskErrors errors;
  private final FileDisk.Fsync fsync;

  DiskChannels(DiskPaths paths, DiskErrors errors, FileDisk.Fsync fsync, int budget) {
    this.paths = paths;
    this.errors = errors;
    this.fsync = fsync;
    this.open = new OpenFiles(budget);
  }

  /**
   * Syncs (if written since their last sync) and closes the channels taken out for the budget,
   * outside the disk's lock: an fsync of one file must not stall the writes of every node. A
   * failed sync fails the file, in the words of a failed {@link FileDisk#sync}, naming its node.
   */
  void closeEvicted() {
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
        failed.putIfAbsent(path, errors.failure(path.getParent().getFileName().toString(),
            "sync (before closing it, to keep at most " + open.budget() + " files open) of",
            path.getFileName().toString(), e, true));
      } finally {
        closeQuietly(evicted.opened().channel());
        synchronized (this) {
          open.closed(path);
          notifyAll(); // a thread may wait to open this file again
        }
      }
    }
  }

  /**
   * After a write failed: if {@code opened}'s channel is closed (the JDK closes a channel when a
   * thread using it is interrupted), the disk forgets it, so the next caller opens the file anew
   * instead of every later call failing on a closed channel. A sync running on it fails (a channel
   * closed under a sync) and closes nothing more.
   */
  void forgetIfClosed(String file, OpenFiles.Opened opened) {
    if (opened == null || opened.channel().isOpen()) {
      return;
    }
    synchronized (this) {
      Path path = paths.key(file);
      if (open.get(path) == opened) {
        open.forget(path);
        open.rememberClosed(path, opened);
      }
    }
  }

  static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // its data went down with a sync, or the file has failed, or was deleted
    }
  }

  /** Refuses to touch a file whose sync failed (see {@link FileDisk#sync}). */
  void checkNotFailed(String what, String file) throws IOException {
    if (failed.isEmpty()) {
      return; // the common case: one read of a map's size
    }
    IOException first = failed.get(paths.key(file));
    if (first != null) {
      throw DiskErrors.refused(NodeContext.current(), what, file, first);
    }
  }

  /**
   * The open file {@code file}, opened if it is not open (with every check). Under the lock. A
   * file whose former channel is being synced and closed for the budget is not opened
   * again until that is done (a new descriptor would not hear of that sync's error), and a file
   * is checked anew for a failure before it is opened.
   */
  OpenFiles.Opened opened(String file, String what) throws IOException {
    Path path = paths.key(file);
    OpenFiles.Opened known = open.get(path);
    if (known != null) {
      return known; // opened, with every check, before: it holds that file whatever
    }
    awaitClosed(path);
    known = open.get(path);
    if (known != null) {
      return known; // another thread opened it while this one waited
    }
    checkNotFailed(what, file); // its sync for the budget may have failed since the caller's check
    path = paths.existing(file);
    checkSameFile(what, file, path, open.reopened(path));
    paths.createNodeDirectory(path.getParent());
    boolean created = !Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    if (created) {
      DiskPaths.syncDirectory(path.getParent());
    }
    Object identity;
    try {
      identity = DiskPaths.identity(path);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    OpenFiles.Opened opened = new OpenFiles.Opened(channel, identity);
    open.put(path, opened);
    return opened;
  }

  /**
   * A file opened again after the disk closed its channel (for the budget, or under an
   * interrupted caller) must still be the file it closed: if something else deleted or replaced
   * it meanwhile, opening would make a new, empty file (or write into another one) under the old
   * name, and the caller would take it for the file it wrote and synced. The file fails instead,
   * as after a failed sync, until the caller deletes it.
   */
  private void checkSameFile(String what, String file, Path path, Object closed)
      throws IOException {
    if (closed == null) {
      return;
    }
    Object now = DiskPaths.identityNow(path);
    if (!closed.equals(now)) {
      DiskErrors.Refused changed =
          errors.replacedWhileClosed(NodeContext.current(), what, file, open.budget());
      failed.putIfAbsent(path, changed);
      throw changed;
    }
  }

  /**
   * Under the lock: waits (letting go of it) until no channel of {@code path} is being synced
   * and closed for the budget. Another thread may have opened it meanwhile.
   */
  void awaitClosed(Path path) throws IOException {
    while (open.closing(path) && open.get(path) == null) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while " + path.getFileName()
            + " was being closed");
      }
    }
  }

  /** Forgets every file; returns the channels for the caller to close. */
  synchronized List<FileChannel> removeAll() {
    return open.removeAll();
  }
}
