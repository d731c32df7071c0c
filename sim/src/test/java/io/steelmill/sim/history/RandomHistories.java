package io.steelmill.sim.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded generators of histories for property tests. {@link #linearizable} runs a real
 * sequential object: every operation takes effect at a random instant between its invocation and
 * completion, so the history is linearizable by construction; some operations time out
 * ({@code :info}, with or without effect) and failed cas operations complete with {@code :fail}.
 * {@link #mutated} then breaks one read so that no order can explain it.
 */
final class RandomHistories {
  /** One generated operation with its hidden linearization point. */
  private static final class Op {
    long process;
    String f;
    Object key;
    Object input;
    Object output;
    EventType outcome = EventType.OK;
    long call;
    long point;
    long ret;
    boolean effect = true;
  }

  private RandomHistories() {}

  /** A linearizable history for {@code model} ("register", "cas-register" or "kv"). */
  static List<Event> linearizable(long seed, String model, int processes, int count) {
    return events(generate(new SplittableRandom(seed), model, processes, count));
  }

  /**
   * The same history with one read's result replaced by a value it cannot have seen (a value
   * never written, or one overwritten before the read began), or null when it has no read.
   */
  static List<Event> mutated(long seed, String model, int processes, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Op> ops = generate(random, model, processes, count);
    List<Op> reads = ops.stream().filter(op -> op.outcome == EventType.OK
        && (op.f.equals("read") || op.f.equals("get"))).toList();
    if (reads.isEmpty()) {
      return null;
    }
    Op read = reads.get(random.nextInt(reads.size()));
    Object stale = model.equals("kv") ? null : staleValue(ops, read);
    if (stale != null && random.nextBoolean()) {
      read.output = stale;
    } else {
      read.output = model.equals("kv") ? read.output + "!" : (Object) (-1L - random.nextInt(5));
    }
    return events(ops);
  }

  /**
   * A value written (uniquely) and then overwritten by an acknowledged write before {@code read}.
   */
  private static Object staleValue(List<Op> ops, Op read) {
    for (Op first : ops) {
      if (first.outcome != EventType.OK || !first.f.equals("write")) {
        continue;
      }
      for (Op second : ops) {
        if (second.outcome == EventType.OK && second.f.equals("write")
            && first.ret < second.call && second.ret < read.call
            && !Objects.equals(first.input, read.output)) {
          return first.input;
        }
      }
    }
    return null;
  }

  private static List<Op> generate(SplittableRandom random, String model, int processes,
      int count) {
    List<Op> ops = new ArrayList<>();
    long[] free = new long[processes];
    long[] ids = new long[processes];
    for (int p = 0; p < processes; p++) {
      ids[p] = p;
    }
    for (int i = 0; i < count; i++) {
      int p = random.nextInt(processes);
      Op op = new Op();
      op.process = ids[p];
      op.call = free[p] + 1 + random.nextInt(20);
      op.point = op.call + random.nextInt(30);
      op.ret = op.point + random.nextInt(30);
      free[p] = op.ret;
      choose(random, model, op, i);
      if (random.nextInt(12) == 0) {
        op.outcome = EventType.INFO;
        op.effect = random.nextBoolean();
        ids[p] += processes;
      }
      ops.add(op);
    }
    apply(ops, model);
    return ops;
  }

  private static void choose(SplittableRandom random, String model, Op op, int unique) {
    int kind = random.nextInt(model.equals("cas-register") ? 3 : 2);
    if (model.equals("kv")) {
      op.key = "k" + random.nextInt(3);
      op.f = kind == 0 ? "get" : random.nextInt(3) == 0 ? "put" : "append";
      op.input = kind == 0 ? null : "[" + unique + "]";
    } else if (kind == 0) {
      op.f = "read";
    } else if (kind == 1) {
      op.f = "write";
      op.input = (long) unique;
    } else {
      op.f = "cas";
      op.input = new ArrayList<>(List.of(0L, (long) unique));
    }
  }

  /** Applies effects in linearization-point order, computing outputs and cas outcomes. */
  private static void apply(List<Op> ops, String model) {
    List<Op> byPoint = new ArrayList<>(ops);
    byPoint.sort(Comparator.comparingLong(op -> op.point));
    Map<Object, Object> state = new HashMap<>();
    Object lastWritten = null;
    for (Op op : byPoint) {
      Object current = state.getOrDefault(op.key, model.equals("kv") ? "" : null);
      switch (op.f) {
        case "read", "get" -> op.output = current;
        case "write", "put" -> {
          if (op.effect) {
            state.put(op.key, op.input);
          }
          op.output = op.input;
        }
        case "append" -> {
          if (op.effect) {
            state.put(op.key, current + (String) op.input);
          }
          op.output = op.input;
        }
        default -> {
          @SuppressWarnings("unchecked")
          List<Object> pair = (List<Object>) op.input;
          pair.set(0, op.ret % 2 == 0 ? current : lastWritten);
          if (Objects.equals(current, pair.get(0))) {
            if (op.effect) {
              state.put(op.key, pair.get(1));
            }
          } else if (op.outcome == EventType.OK) {
            op.outcome = EventType.FAIL;
          }
          op.output = pair;
        }
      }
      lastWritten = op.f.equals("write") ? op.input : lastWritten;
    }
  }

  private static List<Event> events(List<Op> ops) {
    record Timed(long time, int order, Event event) {}
    List<Timed> timed = new ArrayList<>();
    for (Op op : ops) {
      Object input = op.input instanceof List<?> l ? new ArrayList<>(l) : op.input;
      timed.add(new Timed(op.call, 0,
          new Event(op.process, EventType.INVOKE, op.f, input, op.key, op.call)));
      timed.add(new Timed(op.ret, 1,
          new Event(op.process, op.outcome, op.f,
              op.output instanceof List<?> l ? new ArrayList<>(l)
                  : op.outcome == EventType.INFO ? null : op.output,
              op.key, op.ret)));
    }
    timed.sort(Comparator.comparingLong(Timed::time).thenComparingInt(Timed::order));
    return timed.stream().map(Timed::event).toList();
  }
}
