package io.steelmill.platform;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The channels a {@link FileDisk} keeps open, at most {@link #BUDGET} of them: a node that writes
 * thousands of files (a segment per hour, a file per key) would otherwise hold a descriptor for
 * each until it deletes it, and the process would run out of descriptors for its sockets too.
 * Opening one more closes the one opened longest ago first. A channel with writes not yet synced is synced before
 * it is closed: after a failed write-back Linux reports the error only to descriptors that were
 * open when it happened, so closing the channel and syncing a new one later could report as
 * durable what was lost (PostgreSQL's "fsyncgate"). If that sync fails, the file fails as after
 * a failed {@link FileDisk#sync}.
 *
 * <p>Each channel is kept with the identity of its file (device and inode) when opened, so a
 * sync can tell that something else deleted or replaced the file under the disk.
 */
final class OpenFiles {
  /** How many files a disk keeps open at most, over all the nodes that share it. */
  static final int BUDGET = 256;

  /** An open file: its channel, and its file's key when opened (null if the platform has none). */
  record Opened(FileChannel channel, Object identity) {}

  /** What to do with a file whose sync, before its channel was closed, failed. */
  @FunctionalInterface
  interface SyncFailure {
    void failed(Path path, IOException error);
  }

  private final Map<Path, Opened> open = new ConcurrentHashMap<>();
  private final Set<Path> unsynced = ConcurrentHashMap.newKeySet();
  /** The open files, opened longest ago first. */
  private final Deque<Path> order = new ConcurrentLinkedDeque<>();
  private final int budget;
  private final FileDisk.Fsync fsync;

  OpenFiles(int budget, FileDisk.Fsync fsync) {
    this.budget = budget;
    this.fsync = fsync;
  }

  Opened get(Path path) {
    return open.get(path);
  }

  /** Keeps {@code opened}, closing others first to stay within the budget. Under the disk's lock. */
  void put(Path path, Opened opened, SyncFailure onFailure) {
    while (open.size() >= budget) {
      Path oldest = order.pollFirst();
      if (oldest == null) {
        break;
      }
      Opened other = open.remove(oldest);
      if (other != null) {
        close(oldest, other, onFailure);
      }
    }
    open.put(path, opened);
    order.addLast(path);
  }

  private void close(Path path, Opened opened, SyncFailure onFailure) {
    try {
      if (unsynced.remove(path)) {
        fsync.force(opened.channel());
      }
    } catch (IOException e) {
      onFailure.failed(path, new IOException("FileDisk: the sync of " + path + " before closing"
          + " it (to keep at most " + budget + " files open) failed: " + e.getMessage(), e));
    } finally {
      try {
        opened.channel().close();
      } catch (IOException ignored) {
        // its data went down with the sync above, or the file has failed
      }
    }
  }

  /** {@code path} was written to: its channel must be synced before it is closed. */
  void written(Path path) {
    unsynced.add(path);
  }

  /** {@code path} is about to be synced: what was written so far is covered. */
  void syncing(Path path) {
    unsynced.remove(path);
  }

  /** Forgets {@code path} and closes its channel, if open; its writes are not synced. */
  void remove(Path path) throws IOException {
    unsynced.remove(path);
    Opened opened = open.remove(path);
    order.remove(path);
    if (opened != null) {
      opened.channel().close();
    }
  }

  int size() {
    return open.size();
  }

  void closeAll() throws IOException {
    IOException first = null;
    for (Path path : open.keySet()) {
      try {
        remove(path);
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
