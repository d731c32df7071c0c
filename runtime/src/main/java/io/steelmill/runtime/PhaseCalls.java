package io.steelmill.runtime;

import io.steelmill.platform.Clock;
import io.steelmill.runtime.internal.Built;
import io.steelmill.runtime.internal.NodeThreads;
import io.steelmill.runtime.internal.Unwinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One phase ({@code prepare()} or {@code stop()}) of several daemons of a node, called in order on
 * a helper virtual thread while the calling thread watches the node's clock. A call that does not
 * return within the grace period is reported (daemon, phase, thread, stack) and interrupted; for
 * {@code stop()} the remaining calls go on, in order, on a fresh helper, so one hung daemon never
 * keeps the others from stopping. The helper, not the caller, runs user code: a hang can always be
 * walked away from.
 */
final class PhaseCalls {
  private final Node node;
  private final Phase phase;
  private final List<Built> daemons;
  private final Clock clock;
  private final Duration grace;
  private final BooleanSupplier cancelled;
  private final List<Built> completed = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Duration> times = Collections.synchronizedMap(new LinkedHashMap<>());
  private volatile Worker worker;

  /**
   * Calls {@code phase} of {@code daemons}, in order; a {@code prepare()} phase ends at the first
   * failure, or before the next call once {@code cancelled} holds.
   */
  PhaseCalls(
      Node node,
      Phase phase,
      List<Built> daemons,
      Clock clock,
      Duration grace,
      BooleanSupplier cancelled) {
    this.node = node;
    this.phase = phase;
    this.daemons = daemons;
    this.clock = clock;
    this.grace = grace;
    this.cancelled = cancelled;
  }

  /** Makes the calls; returns when each returned, failed (prepare: the first) or was given up. */
  void run() {
    int from = 0;
    while (from < daemons.size()) {
      Worker next = new Worker(from);
      worker = next;
      next.thread.start();
      Call hung = watch(next);
      if (hung == null || phase == Phase.PREPARE) {
        return;
      }
      from = hung.index + 1; // the hung call keeps its thread; the rest go on without it
    }
  }

  /** The daemons whose call returned normally, in call order. */
  List<Built> completed() {
    synchronized (completed) {
      return List.copyOf(completed);
    }
  }

  /** How long each returned call took, in call order. */
  Map<String, Duration> times() {
    synchronized (times) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(times));
    }
  }

  /** The call in progress, or null. */
  Call current() {
    Worker active = worker;
    Call call = active == null ? null : active.current;
    return call != null && call.running() ? call : null;
  }

  /** Waits for {@code helper}; returns the call given up as hung, or null once it finished. */
  private Call watch(Worker helper) {
    while (true) {
      Call call = helper.current;
      long since = call == null ? clock.monotonicNanos() : call.startNanos;
      long deadline = since + grace.toNanos();
      node.status().awaitUntil(
          clock, () -> helper.finished || (call != null && call.givenUp()), deadline, false);
      if (helper.finished || Unwinding.isUnwinding(Thread.currentThread())) {
        return null;
      }
      if (call == null || helper.current != call) {
        continue; // the helper moved on: watch its new call
      }
      if (call.givenUp()) {
        return call; // given up by a close() that stopped waiting
      }
      if (clock.monotonicNanos() >= deadline) {
        if (DaemonCalls.giveUp(node, call, call.method() + " did not return within " + grace)) {
          return call;
        }
        // it returned just now, or a close() claimed it and is keeping its report: wait for that
        node.status().awaitUntil(clock,
            () -> helper.finished || helper.current != call || call.givenUp(),
            clock.monotonicNanos() + grace.toNanos(), false);
      }
    }
  }

  /** The helper: makes the calls from {@code from} on, until done or its call is given up. */
  private final class Worker implements Runnable {
    final Thread thread;
    private final int from;
    volatile Call current;
    volatile boolean finished;

    Worker(int from) {
      this.from = from;
      this.thread = NodeThreads.unstarted(node.id(), String.valueOf(phase), this);
    }

    @Override
    public void run() {
      NodeTree.ownThread(node);
      try {
        for (int i = from; i < daemons.size() && !cancelled.getAsBoolean(); i++) {
          if (!call(i)) {
            return;
          }
        }
      } finally {
        finished = true;
        node.status().signal();
      }
    }

    /** Makes call {@code i}; false if the phase must not go on on this thread. */
    private boolean call(int i) {
      Built built = daemons.get(i);
      thread.setName(node.name() + "/" + built.daemon() + "/" + phase);
      Call call = new Call(built.daemon(), phase, thread, clock.monotonicNanos(), i);
      current = call;
      Throwable error = null;
      try {
        DaemonCalls.invoke(node, built, phase);
      } catch (Throwable e) {
        error = e;
      }
      if (!call.returned()) {
        // given up as hung: someone else goes on once the report is kept (a moment at most)
        node.status()
            .awaitUntil(clock, call::givenUp, clock.monotonicNanos() + grace.toNanos(), false);
        return false;
      }
      if (error != null) {
        try {
          DaemonCalls.record(node, built.daemon(), phase, error);
        } catch (RuntimeException | Error unkept) {
          // no memory even for the report (the daemon failed for that): the daemons after it
          // are still stopped, which matters more than the words
        }
        return phase != Phase.PREPARE;
      }
      completed.add(built);
      times.put(built.daemon(), Duration.ofNanos(clock.monotonicNanos() - call.startNanos));
      return true;
    }
  }
}
