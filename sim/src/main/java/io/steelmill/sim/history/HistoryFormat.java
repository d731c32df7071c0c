package io.steelmill.sim.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Jepsen's history format: one EDN map per event, {@code {:process 0, :type :invoke, :f :cas,
 * :value [1 2]}}, optionally with {@code :key} and {@code :time}; other keys are ignored. A file
 * holding one vector of such maps reads the same. Events of a non-numeric process (Jepsen's
 * {@code :nemesis}) are not client operations and are skipped. Every problem is an {@link
 * EdnException} with the line and column of the offending map.
 */
public final class HistoryFormat {
  private static final Keyword PROCESS = Keyword.of("process");
  private static final Keyword TYPE = Keyword.of("type");
  private static final Keyword F = Keyword.of("f");
  private static final Keyword VALUE = Keyword.of("value");
  private static final Keyword KEY = Keyword.of("key");
  private static final Keyword TIME = Keyword.of("time");

  private HistoryFormat() {}

  /** Reads a history file (UTF-8). */
  public static History read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    return parse(new String(bytes, StandardCharsets.UTF_8));
  }

  /** Parses a history from EDN text. */
  public static History parse(String text) {
    EdnReader reader = new EdnReader(text);
    History history = History.of(List.of());
    boolean first = true;
    while (reader.hasNext()) {
      int line = reader.line();
      int column = reader.column();
      Object form = reader.next();
      if (first && form instanceof List<?> all && !reader.hasNext()) {
        for (Object item : all) {
          addEvent(history, item, line, column);
        }
        return history;
      }
      first = false;
      addEvent(history, form, line, column);
    }
    return history;
  }

  /** Writes {@code history} as EDN, one map per line. */
  public static void write(History history, Path file) throws IOException {
    Files.writeString(file, history.toEdn(), StandardCharsets.UTF_8);
  }

  private static void addEvent(History history, Object form, int line, int column) {
    if (!(form instanceof Map<?, ?> map)) {
      throw new EdnException("expected an operation map such as {:process 0, :type :invoke, :f"
          + " :read, :value nil}, found " + EdnWriter.preview(form), line, column);
    }
    Object process = map.get(PROCESS);
    if (process instanceof Keyword || process instanceof EdnReader.Symbol) {
      return;
    }
    if (!(process instanceof Long processId)) {
      throw new EdnException(map.containsKey(PROCESS)
          ? ":process must be an integer, not " + EdnWriter.preview(process)
          : "the operation has no :process", line, column);
    }
    EventType type = map.get(TYPE) instanceof Keyword k ? EventType.named(k.name()) : null;
    if (type == null) {
      throw new EdnException(":type must be one of :invoke, :ok, :fail, :info, not "
          + (map.containsKey(TYPE) ? EdnWriter.preview(map.get(TYPE)) : "missing"), line, column);
    }
    String f = functionName(map.get(F));
    if (f == null) {
      throw new EdnException(":f must be a keyword such as :read, not "
          + (map.containsKey(F) ? EdnWriter.preview(map.get(F)) : "missing"), line, column);
    }
    Object time = map.get(TIME);
    if (time != null && !(time instanceof Long)) {
      throw new EdnException(":time must be an integer (nanoseconds), not "
          + EdnWriter.preview(time), line, column);
    }
    try {
      history.append(new Event(processId, type, f, map.get(VALUE), map.get(KEY),
          time == null ? -1 : (Long) time));
    } catch (IllegalStateException e) {
      throw new EdnException(e.getMessage(), line, column);
    }
  }

  private static String functionName(Object f) {
    return switch (f) {
      case Keyword k -> k.name();
      case EdnReader.Symbol s -> s.name();
      case String s when !s.isEmpty() -> s;
      case null, default -> null;
    };
  }
}
