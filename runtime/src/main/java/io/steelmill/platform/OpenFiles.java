package io.steelmill.platform;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The channels a {@link FileDisk} keeps open, at most {@link #BUDGET} of them: a node that writes
 * thousands of files (a segment per hour, a file per key) would otherwise hold a descriptor for
 * each until it deletes it, and the process would run out of descriptors for its sockets too.
 * Opening one more takes out the one opened longest ago first, for its disk to sync and close
 * outside its lock (an fsync of one file must not stall every node's writes). A channel with
 * writes not yet synced is synced before it is closed: after a failed write-back Linux reports the
 * error only to descriptors that were open when it happened, so closing the channel and syncing a
 * new one later could report as durable what was lost (PostgreSQL's "fsyncgate"). For the same
 * reason a channel is never taken out while a sync of it runs (the budget is exceeded instead,
 * for as long as every other channel is being synced too), the file is not opened again until its
 * old channel is closed, and a channel forgotten (its file deleted) while a sync of it runs is
 * closed when that sync ends.
 *
 * <p>Each channel is kept with the identity of its file (device and inode) when opened, so a
 * sync can tell that something else deleted or replaced the file under the disk.
 *
 * <p>Not thread-safe: every method is called under the disk's lock.
 */
final class OpenFiles {
  /** How many files a disk keeps open at most, over all the nodes that share it. */
  static final int BUDGET = 256;

  /** An open file: its channel, its file's key when opened (null if the platform has none). */
  static final class Opened {
    private final FileChannel channel;
    private final Object identity;
    /** How many syncs of the channel run now: while any does, it is neither evicted nor closed. */
    private int syncing;
    /** Writes counted as they are made, and the count the last successful sync covered. */
    private long written;
    private long synced;
    /** No longer the file's channel: the last sync running closes it. */
    private boolean forgotten;
    /**
     * Forgotten because the file was deleted or the disk stopped (not because the JDK closed the
     * channel under an interrupted caller): a sync failing on it leaves no file to fail.
     */
    private boolean deleted;
    /**
     * Held by the sync whose fsync runs: two syncs of one descriptor never overlap. Linux reports
     * a write-back error once per descriptor, to the first fsync that looks; a second fsync
     * running beside it could return success for the very writes the first was told were lost.
     * Taken in turn, the second sees the first's failure in the disk's failed files.
     */
    private final ReentrantLock forcing = new ReentrantLock();

    Opened(FileChannel channel, Object identity) {
      this.channel = channel;
      this.identity = identity;
    }

    FileChannel channel() {
      return channel;
    }

    Object identity() {
      return identity;
    }

    boolean deleted() {
      return deleted;
    }

    ReentrantLock forcing() {
      return forcing;
    }
  }

  /** A channel taken out for the budget, to be synced (if {@code unsynced}) and closed. */
  record Evicted(Path path, Opened opened, boolean unsynced) {}

  /** The open files, opened longest ago first. */
  private final Map<Path, Opened> open = new LinkedHashMap<>();
  /** Taken out for the budget, not closed yet: their files are not opened anew until they are. */
  private final Map<Path, Opened> closing = new HashMap<>();
  private final Deque<Evicted> toClose = new ArrayDeque<>();
  /**
   * The identity of each file whose channel was closed while its name stayed (for the budget, or
   * under an interrupted caller), for the next open to check that the name still leads to that
   * file: one entry per such file until it is opened again or deleted.
   */
  private final Map<Path, Object> closedIdentities = new HashMap<>();
  private final int budget;

  OpenFiles(int budget) {
    this.budget = budget;
  }

  int budget() {
    return budget;
  }

  Opened get(Path path) {
    return open.get(path);
  }

  /** Whether {@code path}'s former channel, taken out for the budget, is still being closed. */
  boolean closing(Path path) {
    return closing.containsKey(path);
  }

  /**
   * Keeps {@code opened}, and takes out the channels opened longest ago that no sync uses, until
   * the budget holds; {@link #nextToClose} hands them out.
   */
  void put(Path path, Opened opened) {
    open.put(path, opened);
    Iterator<Map.Entry<Path, Opened>> oldest = open.entrySet().iterator();
    while (open.size() > budget && oldest.hasNext()) {
      Map.Entry<Path, Opened> entry = oldest.next();
      Opened other = entry.getValue();
      if (other != opened && other.syncing == 0) {
        oldest.remove();
        closing.put(entry.getKey(), other);
        toClose.add(new Evicted(entry.getKey(), other, other.written > other.synced));
      }
    }
  }

  /** A channel taken out for the budget that nobody closes yet, or null. */
  Evicted nextToClose() {
    return toClose.poll();
  }

  /** {@code path}'s former channel is closed: the file may be opened again. */
  void closed(Path path) {
    Opened was = closing.remove(path);
    if (was != null) {
      rememberClosed(path, was);
    }
  }

  /** {@code path}'s channel {@code was} is closed and its name stays: see {@link #reopened}. */
  void rememberClosed(Path path, Opened was) {
    if (was.identity != null) {
      closedIdentities.put(path, was.identity);
    }
  }

  /**
   * {@code path} is being opened again: the identity its file had when its last channel was
   * closed, or null if none is known (never closed so, or deleted since by the disk).
   */
  Object reopened(Path path) {
    return closedIdentities.remove(path);
  }

  /** {@code path} was written to: its channel must be synced before it is closed. */
  void written(Path path) {
    Opened opened = open.get(path);
    if (opened != null) {
      opened.written++;
    }
  }

  /** A sync of {@code opened} starts: returns the writes it covers, once it succeeds. */
  long syncStarts(Opened opened) {
    opened.syncing++;
    return opened.written;
  }

  /**
   * A sync of {@code opened} ended; {@code covered} was what it covered if it succeeded, or -1.
   * Returns whether the caller must close the channel (forgotten, and the last sync of it).
   */
  boolean syncEnds(Opened opened, long covered) {
    opened.syncing--;
    opened.synced = Math.max(opened.synced, covered);
    return opened.forgotten && opened.syncing == 0;
  }

  /**
   * Forgets {@code path}; returns its channel for the caller to close, or null if it had none or
   * a sync of it still runs (the sync closes it as it ends). Its writes are not synced.
   */
  FileChannel remove(Path path) {
    closedIdentities.remove(path);
    Opened opened = forget(path);
    if (opened == null) {
      return null;
    }
    opened.deleted = true;
    return opened.syncing == 0 ? opened.channel : null;
  }

  /**
   * Forgets {@code path}'s channel without deleting anything (the JDK closed it under an
   * interrupted caller): the next caller opens the file anew. Returns what was forgotten.
   */
  Opened forget(Path path) {
    Opened opened = open.remove(path);
    if (opened != null) {
      opened.forgotten = true;
    }
    return opened;
  }

  /** Forgets every file; returns the channels for the caller to close (see {@link #remove}). */
  List<FileChannel> removeAll() {
    closedIdentities.clear();
    List<FileChannel> channels = new ArrayList<>();
    for (Path path : new ArrayList<>(open.keySet())) {
      FileChannel channel = remove(path);
      if (channel != null) {
        channels.add(channel);
      }
    }
    return channels;
  }

  int size() {
    return open.size();
  }
}
