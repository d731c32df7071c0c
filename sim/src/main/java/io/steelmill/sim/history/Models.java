package io.steelmill.sim.history;

import java.util.List;

/**
 * The built-in models, by the names the {@code check} command takes: {@code register}
 * (read/write, initial nil), {@code cas-register} (read/write/cas, initial nil) and {@code kv}
 * (get/put/append of strings per {@code :key}, initial "", checked key by key).
 */
public final class Models {
  /** The names {@link #named} accepts. */
  public static final List<String> NAMES = List.of("register", "cas-register", "kv");

  private Models() {}

  /** The model called {@code name}, or null. */
  public static Model named(String name) {
    return switch (name) {
      case "register" -> new Register(false);
      case "cas-register" -> new Register(true);
      case "kv" -> new KeyValue();
      default -> null;
    };
  }

  /** A read/write register; with {@code cas}, also compare-and-set with value {@code [old new]}. */
  static final class Register implements Model {
    private final boolean cas;

    Register(boolean cas) {
      this.cas = cas;
    }

    @Override
    public String name() {
      return cas ? "cas-register" : "register";
    }

    @Override
    public Object initial() {
      return null;
    }

    @Override
    public Object step(Object state, Operation op) {
      switch (op.f()) {
        case "read":
          return op.optional() || Values.same(state, op.output()) ? state : ILLEGAL;
        case "write":
          return op.input();
        default:
          List<?> pair = (List<?>) op.input();
          return Values.same(state, pair.get(0)) ? pair.get(1) : ILLEGAL;
      }
    }

    @Override
    public String validate(Operation op) {
      return switch (op.f()) {
        case "read", "write" -> null;
        case "cas" -> !cas
            ? "the register model has no :cas (use --model cas-register)"
            : op.input() instanceof List<?> pair && pair.size() == 2
                ? null
                : ":cas needs a value [expected new], not " + EdnWriter.preview(op.input());
        default -> "the " + name() + " model has no " + EdnWriter.function(op.f())
            + " (it knows :read, :write"
            + (cas ? ", :cas)" : ")");
      };
    }

    @Override
    public boolean readOnly(Operation op) {
      return op.f().equals("read");
    }

    @Override
    public boolean overwrites(Operation op) {
      return op.f().equals("write");
    }

    @Override
    public List<Object> observes(Operation op) {
      return switch (op.f()) {
        case "read" -> java.util.Collections.singletonList(op.output());
        case "write" -> List.of();
        default -> java.util.Collections.singletonList(((List<?>) op.input()).get(0));
      };
    }

    @Override
    public String describe(Operation op) {
      String result = op.optional() ? " -> ?" : "";
      return switch (op.f()) {
        case "read" -> "read -> " + (op.optional() ? "?" : EdnWriter.preview(op.output()));
        case "write" -> "write " + EdnWriter.preview(op.input()) + result;
        default -> "cas " + EdnWriter.preview(op.input()) + (op.optional() ? " -> ?" : " -> ok");
      };
    }
  }

  /** Per-key strings: get, put (overwrite) and append (concatenate); initial "". */
  static final class KeyValue implements Model {
    @Override
    public String name() {
      return "kv";
    }

    @Override
    public Object initial() {
      return "";
    }

    @Override
    public Object step(Object state, Operation op) {
      return switch (op.f()) {
        case "get" -> op.optional() || state.equals(op.output() == null ? "" : op.output())
            ? state : ILLEGAL;
        case "put" -> op.input();
        default -> (String) state + op.input();
      };
    }

    @Override
    public String validate(Operation op) {
      if (!(op.key() instanceof String) && !(op.key() instanceof Long)) {
        return "the kv model needs a :key (a string or an integer), not "
            + EdnWriter.preview(op.key());
      }
      return switch (op.f()) {
        case "get" -> op.optional() || op.output() == null || op.output() instanceof String
            ? null : ":get must return a string or nil, not " + EdnWriter.preview(op.output());
        case "put", "append" -> op.input() instanceof String ? null
            : ":" + op.f() + " needs a string value, not " + EdnWriter.preview(op.input());
        default -> "the kv model has no " + EdnWriter.function(op.f())
            + " (it knows :get, :put, :append)";
      };
    }

    @Override
    public boolean readOnly(Operation op) {
      return op.f().equals("get");
    }

    @Override
    public boolean overwrites(Operation op) {
      return op.f().equals("put");
    }

    @Override
    public List<Object> observes(Operation op) {
      return switch (op.f()) {
        case "get" -> List.of(op.output() == null ? "" : op.output());
        case "put" -> List.of();
        default -> null;
      };
    }

    @Override
    public Object partition(Operation op) {
      return op.key();
    }

    @Override
    public String describe(Operation op) {
      String key = EdnWriter.preview(op.key());
      return switch (op.f()) {
        case "get" -> "get " + key + " -> "
            + (op.optional() ? "?" : EdnWriter.preview(op.output()));
        default -> op.f() + " " + key + " " + EdnWriter.preview(op.input())
            + (op.optional() ? " -> ?" : "");
      };
    }
  }
}
