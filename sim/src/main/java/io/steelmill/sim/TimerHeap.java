package io.steelmill.sim;

import java.util.Arrays;

/**
 * The pending timers of a simulation, earliest first by (deadline, creation sequence): a binary
 * heap in which every timer knows its position, so a cancelled timer leaves at once instead of
 * staying until its deadline (most timers are cancelled: a receive that got its message, a call
 * that got its reply, and leaving them made every sift longer). The heap itself is primitive
 * arrays (deadline, sequence, slot); the timers sit in a slot table written once per timer, so a
 * sift moves numbers only, with none of the garbage collector's barriers on reference stores.
 * Carrier thread only.
 */
final class TimerHeap {
  private long[] deadlines = new long[64];
  private long[] sequences = new long[64];
  /** The slot of the timer at each heap position. */
  private int[] slotAt = new int[64];
  private Timer[] slots = new Timer[64];
  private int[] freeSlots = new int[64];
  private int free;
  private int usedSlots;
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  void add(Timer timer) {
    if (size == deadlines.length) {
      int capacity = size * 2;
      deadlines = Arrays.copyOf(deadlines, capacity);
      sequences = Arrays.copyOf(sequences, capacity);
      slotAt = Arrays.copyOf(slotAt, capacity);
    }
    int slot = takeSlot();
    slots[slot] = timer;
    siftUp(size++, timer.deadline, timer.sequence, slot);
  }

  /** The earliest timer, or null. */
  Timer peek() {
    return size == 0 ? null : slots[slotAt[0]];
  }

  /** Removes and returns the earliest timer, or null. */
  Timer poll() {
    if (size == 0) {
      return null;
    }
    Timer first = slots[slotAt[0]];
    removeAt(0);
    return first;
  }

  /** Removes {@code timer} if it is still pending. */
  void remove(Timer timer) {
    int index = timer.heapIndex;
    if (index >= 0 && index < size && slots[slotAt[index]] == timer) {
      removeAt(index);
    }
  }

  private void removeAt(int index) {
    int slot = slotAt[index];
    Timer removed = slots[slot];
    removed.heapIndex = -1;
    slots[slot] = null;
    freeSlots[free++] = slot;
    int last = --size;
    if (index == last) {
      return;
    }
    long deadline = deadlines[last];
    long sequence = sequences[last];
    int lastSlot = slotAt[last];
    siftDown(index, deadline, sequence, lastSlot);
    if (slotAt[index] == lastSlot) {
      siftUp(index, deadline, sequence, lastSlot);
    }
  }

  private int takeSlot() {
    if (free > 0) {
      return freeSlots[--free];
    }
    if (usedSlots == slots.length) {
      slots = Arrays.copyOf(slots, usedSlots * 2);
      freeSlots = Arrays.copyOf(freeSlots, usedSlots * 2);
    }
    return usedSlots++;
  }

  private void siftUp(int index, long deadline, long sequence, int slot) {
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      if (!before(deadline, sequence, parent)) {
        break;
      }
      move(parent, index);
      index = parent;
    }
    place(index, deadline, sequence, slot);
  }

  private void siftDown(int index, long deadline, long sequence, int slot) {
    int half = size >>> 1;
    while (index < half) {
      int child = 2 * index + 1;
      int right = child + 1;
      if (right < size && before(deadlines[right], sequences[right], child)) {
        child = right;
      }
      if (before(deadline, sequence, child)) {
        break;
      }
      move(child, index);
      index = child;
    }
    place(index, deadline, sequence, slot);
  }

  private void move(int from, int to) {
    deadlines[to] = deadlines[from];
    sequences[to] = sequences[from];
    int slot = slotAt[from];
    slotAt[to] = slot;
    slots[slot].heapIndex = to;
  }

  private void place(int index, long deadline, long sequence, int slot) {
    deadlines[index] = deadline;
    sequences[index] = sequence;
    slotAt[index] = slot;
    slots[slot].heapIndex = index;
  }

  /**
   * Whether a timer of this deadline and sequence fires before the one at {@code index}:
   * deadline first, then creation order, so equal deadlines fire deterministically.
   */
  private boolean before(long deadline, long sequence, int index) {
    long other = deadlines[index];
    return deadline != other ? deadline < other : sequence < sequences[index];
  }
}
