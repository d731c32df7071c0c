package io.steelmill.sim.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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

  /** The largest history file {@link #read} takes: its text and events must fit the heap. */
  public static final long MAX_FILE_BYTES = 1L << 30;

  /**
   * Reads a history file (UTF-8, at most {@link #MAX_FILE_BYTES}). Bytes that are not UTF-8 are
   * an error naming where they are: replacing them would make different values read as equal.
   */
  public static History read(Path file) throws IOException {
    return read(file, MAX_FILE_BYTES);
  }

  /**
   * {@link #read(Path)} with a limit of {@code maxBytes}. The limit holds for what is read, not
   * for the size the file system reports: a pipe ({@code <(zcat h.edn.gz)}), {@code /dev/zero}
   * or a {@code /proc} file reports 0 bytes, and one that never ends was read until the heap
   * ran out.
   */
  static History read(Path file, long maxBytes) throws IOException {
    long size = Files.size(file);
    if (size > maxBytes) {
      throw tooLarge(size + " bytes", maxBytes);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    }
    if (bytes.length > maxBytes) {
      throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
    }
    return parse(decode(bytes));
  }

  private static EdnException tooLarge(String size, long maxBytes) {
    return new EdnException("the file has " + size + "; histories of up to " + maxBytes
        + " bytes are read (split it, for example by key)", 1, 1);
  }

  private static String decode(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(8192); // only checked here: the text is made below
    CoderResult result;
    do {
      out.clear();
      result = decoder.decode(in, out, true);
    } while (result.isOverflow());
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new EdnException(String.format("not UTF-8: byte 0x%02X at offset %d does not start"
          + " a valid character", bytes[at] & 0xFF, at), line, at - lineStart + 1);
    }
    return new String(bytes, StandardCharsets.UTF_8);
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
