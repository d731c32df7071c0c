package io.steelmill.sim.history;

/**
 * The invocation event pending per process: at most one each, looked up by a {@code long}
 * without boxing (open addressing, linear probing, deletion by shifting back).
 */
final class PendingCalls {
  private long[] processes = new long[16];
  private int[] events = new int[16];
  private boolean[] used = new boolean[16];
  private int size;

  void put(long process, int event) {
    if (2 * (size + 1) > used.length) {
      grow();
    }
    int slot = find(process);
    if (!used[slot]) {
      used[slot] = true;
      processes[slot] = process;
      size++;
    }
    events[slot] = event;
  }

  /** The pending event of {@code process}, or -1. */
  int get(long process) {
    int slot = find(process);
    return used[slot] ? events[slot] : -1;
  }

  /** The pending event of {@code process}, removed, or -1. */
  int remove(long process) {
    int slot = find(process);
    if (!used[slot]) {
      return -1;
    }
    int event = events[slot];
    used[slot] = false;
    size--;
    int mask = used.length - 1;
    for (int next = (slot + 1) & mask; used[next]; next = (next + 1) & mask) {
      int home = home(processes[next]);
      // move the entry back into the hole unless its home lies after the hole, up to it
      if (((next - home) & mask) >= ((next - slot) & mask)) {
        processes[slot] = processes[next];
        events[slot] = events[next];
        used[slot] = true;
        used[next] = false;
        slot = next;
      }
    }
    return event;
  }

  private int find(long process) {
    int mask = used.length - 1;
    int slot = home(process);
    while (used[slot] && processes[slot] != process) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private int home(long process) {
    long mixed = process * 0x9E3779B97F4A7C15L;
    return (int) (mixed >>> 40) & (used.length - 1);
  }

  private void grow() {
    long[] oldProcesses = processes;
    int[] oldEvents = events;
    boolean[] oldUsed = used;
    processes = new long[oldUsed.length * 2];
    events = new int[oldUsed.length * 2];
    used = new boolean[oldUsed.length * 2];
    size = 0;
    for (int i = 0; i < oldUsed.length; i++) {
      if (oldUsed[i]) {
        put(oldProcesses[i], oldEvents[i]);
      }
    }
  }
}
