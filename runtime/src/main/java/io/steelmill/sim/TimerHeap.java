package io.steelmill.sim;

import java.util.Arrays;

/**
 * The pending timers of a simulation, earliest first by (deadline, creation sequence): a binary
 * heap in which every timer knows its slot, so a cancelled timer leaves at once instead of
 * staying until its deadline. Most timers are cancelled (a receive that got its message, a call
 * that got its reply), and leaving them in the heap made every sift longer. Carrier thread only.
 */
final class TimerHeap {
  private Timer[] heap = new Timer[256];
  /** Each slot's deadline and sequence, beside the timers: sifts compare without loading them. */
  private long[] deadlines = new long[256];
  private long[] sequences = new long[256];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  void add(Timer timer) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
      deadlines = Arrays.copyOf(deadlines, size * 2);
      sequences = Arrays.copyOf(sequences, size * 2);
    }
    siftUp(size++, timer);
  }

  /** Removes and returns the earliest timer, or null. */
  Timer poll() {
    if (size == 0) {
      return null;
    }
    Timer first = heap[0];
    removeAt(0);
    return first;
  }

  /** Removes {@code timer} if it is still pending. */
  void remove(Timer timer) {
    int index = timer.heapIndex;
    if (index >= 0 && index < size && heap[index] == timer) {
      removeAt(index);
    }
  }

  private void removeAt(int index) {
    Timer removed = heap[index];
    removed.heapIndex = -1;
    Timer last = heap[--size];
    heap[size] = null;
    if (index == size) {
      return;
    }
    siftDown(index, last);
    if (heap[index] == last) {
      siftUp(index, last);
    }
  }

  private void siftUp(int index, Timer timer) {
    long deadline = timer.deadline;
    long sequence = timer.sequence;
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      if (!before(deadline, sequence, parent)) {
        break;
      }
      move(parent, index);
      index = parent;
    }
    place(index, timer);
  }

  private void siftDown(int index, Timer timer) {
    long deadline = timer.deadline;
    long sequence = timer.sequence;
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
    place(index, timer);
  }

  private void move(int from, int to) {
    Timer timer = heap[from];
    heap[to] = timer;
    deadlines[to] = deadlines[from];
    sequences[to] = sequences[from];
    timer.heapIndex = to;
  }

  private void place(int index, Timer timer) {
    heap[index] = timer;
    deadlines[index] = timer.deadline;
    sequences[index] = timer.sequence;
    timer.heapIndex = index;
  }

  /**
   * Whether a timer of this deadline and sequence fires before the one in slot {@code index}:
   * deadline first, then creation order, so equal deadlines fire deterministically.
   */
  private boolean before(long deadline, long sequence, int index) {
    long other = deadlines[index];
    return deadline != other ? deadline < other : sequence < sequences[index];
  }
}
