package io.steelmill.simagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The constant-pool scan that decides which classes are rewritten: it agrees with the class-file
 * library on every class of the JDK's {@code java.base} and on seeded random class files, never
 * misses a clock read in a damaged class file, and leaves look-alikes alone.
 */
class ClockReadsTest {
  private static final String SYSTEM = "java/lang/System";
  private static final String VM = "jdk/internal/misc/VM";

  /** Calls System.nanoTime only through a method reference. */
  static final class ReadsThroughAReference {
    LongSupplier clock() {
      return System::currentTimeMillis;
    }
  }

  /** Names the clock reads everywhere except in a call of them. */
  static final class LooksLikeAClockReader {
    static final String NAME = "java/lang/System.nanoTime()J currentTimeMillis";

    static long nanoTime() {
      return 7;
    }

    static long currentTimeMillis() {
      return nanoTime() + NAME.length();
    }
  }

  /** Reads the wall clock through java.time, which is rewritten itself: nothing to do here. */
  static final class ReadsInstantNow {
    Instant now() {
      return Instant.now();
    }
  }

  @Test
  void classesOfThisTestAreJudgedByTheirCalls() throws IOException {
    assertThat(ClockReads.mayRead(bytes(TimeReadRewriterTest.ReadsClocks.class))).isTrue();
    assertThat(ClockReads.mayRead(bytes(ReadsThroughAReference.class))).isTrue();
    assertThat(ClockReads.mayRead(bytes(TimeReadRewriterTest.ReadsNothing.class))).isFalse();
    assertThat(ClockReads.mayRead(bytes(LooksLikeAClockReader.class))).isFalse();
    assertThat(ClockReads.mayRead(bytes(ReadsInstantNow.class))).isFalse();
  }

  @Test
  void agreesWithTheClassFileLibraryOnEveryClassOfJavaBase() throws IOException {
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    int classes = 0;
    int readers = 0;
    try (Stream<Path> files = Files.walk(jrt.getPath("/modules/java.base"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        byte[] classFile = Files.readAllBytes(file);
        boolean expected = TimeReadRewriter.readsAClock(ClassFile.of().parse(classFile));
        assertThat(ClockReads.mayRead(classFile)).as(file.toString()).isEqualTo(expected);
        classes++;
        readers += expected ? 1 : 0;
      }
    }
    assertThat(classes).isGreaterThan(3000);
    // the JDK's timed waits are among them, and they are a small minority
    assertThat(readers).isBetween(20, classes / 10);
  }

  @Test
  void agreesWithTheClassFileLibraryOnSeededRandomClassFiles() {
    for (long seed = 1; seed <= 400; seed++) {
      Generated generated = randomClass(seed);
      assertThat(ClockReads.mayRead(generated.bytes)).as("seed %d: %s", seed, generated.calls)
          .isEqualTo(generated.readsAClock);
      assertThat(TimeReadRewriter.readsAClock(ClassFile.of().parse(generated.bytes)))
          .as("seed %d (the library)", seed).isEqualTo(generated.readsAClock);
    }
  }

  @Test
  void aDamagedClassFileThatReadsAClockIsNeverPassedOver() throws IOException {
    byte[] reader = bytes(TimeReadRewriterTest.ReadsClocks.class);
    for (int length = 0; length < reader.length; length++) {
      byte[] prefix = java.util.Arrays.copyOf(reader, length);
      assertThat(ClockReads.mayRead(prefix)).as("first %d bytes", length).isTrue();
    }
    byte[] wrongMagic = reader.clone();
    wrongMagic[0] = 0;
    assertThat(ClockReads.mayRead(wrongMagic)).isTrue();
  }

  @Test
  void noBytesMakeTheScanThrow() {
    SplitMix random = new SplitMix(20261129);
    for (int trial = 0; trial < 2_000; trial++) {
      byte[] garbage = new byte[(int) random.below(200)];
      for (int i = 0; i < garbage.length; i++) {
        garbage[i] = (byte) random.next();
      }
      if (garbage.length >= 4 && trial % 2 == 0) { // half of them with the right magic
        garbage[0] = (byte) 0xCA;
        garbage[1] = (byte) 0xFE;
        garbage[2] = (byte) 0xBA;
        garbage[3] = (byte) 0xBE;
      }
      ClockReads.mayRead(garbage); // returns, whatever it answers
    }
  }

  @Test
  void handMadePoolsAreReadEntryByEntry() throws IOException {
    // #1 "nanoTime", #2 "()J", #3 NameAndType(1, 2), #4 "java/lang/System", #5 Class(4),
    // #6 Methodref(5, 3): a clock read
    assertThat(ClockReads.mayRead(pool(utf8("nanoTime"), utf8("()J"), ref(12, 1, 2),
        utf8(SYSTEM), classEntry(4), ref(10, 5, 3)))).isTrue();
    // the same call with another descriptor: System has no such method, nothing to rewrite
    assertThat(ClockReads.mayRead(pool(utf8("nanoTime"), utf8("()I"), ref(12, 1, 2),
        utf8(SYSTEM), classEntry(4), ref(10, 5, 3)))).isFalse();
    // a long constant (two slots) before the call: indices after it shift by one
    assertThat(ClockReads.mayRead(pool(longEntry(-1L), utf8("currentTimeMillis"), utf8("()J"),
        ref(12, 3, 4), utf8(SYSTEM), classEntry(6), ref(10, 7, 5)))).isTrue();
    // a Methodref whose owner is not a Class entry: damaged, so "may read"
    assertThat(ClockReads.mayRead(pool(utf8("nanoTime"), utf8("()J"), ref(12, 1, 2),
        utf8(SYSTEM), classEntry(4), ref(10, 4, 3)))).isTrue();
    // an index past the end of the pool
    assertThat(ClockReads.mayRead(pool(utf8("nanoTime"), utf8("()J"), ref(12, 1, 2),
        utf8(SYSTEM), classEntry(4), ref(10, 5, 30)))).isTrue();
    // a tag no JDK defines (yet): "may read"
    assertThat(ClockReads.mayRead(pool(utf8("nanoTime"), new byte[] {99, 0, 0}))).isTrue();
    // VM.getNanoTimeAdjustment(J)J, and its look-alike of another owner
    assertThat(ClockReads.mayRead(pool(utf8("getNanoTimeAdjustment"), utf8("(J)J"),
        ref(12, 1, 2), utf8(VM), classEntry(4), ref(10, 5, 3)))).isTrue();
    assertThat(ClockReads.mayRead(pool(utf8("getNanoTimeAdjustment"), utf8("(J)J"),
        ref(12, 1, 2), utf8("jdk/internal/misc/VMx"), classEntry(4), ref(10, 5, 3)))).isFalse();
  }

  private record Generated(byte[] bytes, boolean readsAClock, List<String> calls) {}

  /** A class with random constants and calls, some of them clock reads or near misses. */
  private static Generated randomClass(long seed) {
    SplitMix random = new SplitMix(seed);
    String[][] calls = {
        {SYSTEM, "nanoTime", "()J", "hit"}, {SYSTEM, "currentTimeMillis", "()J", "hit"},
        {VM, "getNanoTimeAdjustment", "(J)J", "hit"}, {SYSTEM, "nanoTime", "(J)J", "miss"},
        {SYSTEM, "identityHashCode", "(Ljava/lang/Object;)I", "miss"},
        {"java/lang/Systemx", "nanoTime", "()J", "miss"},
        {VM, "getNanoTimeAdjustment", "()J", "miss"},
        {"a/b/Clock", "currentTimeMillis", "()J", "miss"}};
    List<String> made = new ArrayList<>();
    boolean[] hit = {false};
    int count = 1 + (int) random.below(6);
    List<String[]> chosen = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      chosen.add(calls[(int) random.below(calls.length)]);
    }
    long[] longs = {random.next(), random.next()};
    String text = "clé \u00e9\u4e2d nanoTime " + random.next();
    byte[] bytes = ClassFile.of().build(ClassDesc.of("gen.C" + seed), type -> {
      type.withMethodBody("m", MethodTypeDesc.ofDescriptor("()V"), ClassFile.ACC_STATIC, code -> {
        code.ldc((ConstantDesc) longs[0]).pop2().ldc((ConstantDesc) (double) longs[1]).pop2()
            .ldc(text).pop().ldc((ConstantDesc) (int) longs[0]).pop();
        for (String[] call : chosen) {
          made.add(String.join(" ", call));
          hit[0] |= call[3].equals("hit");
          MethodTypeDesc callType = MethodTypeDesc.ofDescriptor(call[2]);
          if (random.below(3) == 0) { // as a method handle constant (System::nanoTime)
            code.ldc(MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC,
                ClassDesc.ofInternalName(call[0]), call[1], callType)).pop();
          } else {
            for (ClassDesc parameter : callType.parameterList()) {
              if (parameter.descriptorString().equals("J")) {
                code.lconst_0();
              } else {
                code.aconst_null();
              }
            }
            code.invokestatic(ClassDesc.ofInternalName(call[0]), call[1], callType);
          }
        }
        code.return_();
      });
    });
    return new Generated(bytes, hit[0], made);
  }

  private static byte[] bytes(Class<?> type) throws IOException {
    return Transformer.bytesOf(type);
  }

  /** A class file that stops after its constant pool: all the scan reads. */
  private static byte[] pool(byte[]... entries) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buffer);
    out.writeInt(0xCAFEBABE);
    out.writeShort(0);
    out.writeShort(69);
    int slots = 1;
    for (byte[] entry : entries) {
      slots += entry[0] == 5 || entry[0] == 6 ? 2 : 1;
    }
    out.writeShort(slots);
    for (byte[] entry : entries) {
      out.write(entry);
    }
    return buffer.toByteArray();
  }

  private static byte[] utf8(String text) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buffer);
    out.writeByte(1);
    out.writeUTF(text);
    return buffer.toByteArray();
  }

  private static byte[] classEntry(int name) {
    return new byte[] {7, (byte) (name >> 8), (byte) name};
  }

  private static byte[] ref(int tag, int first, int second) {
    return new byte[] {(byte) tag, (byte) (first >> 8), (byte) first, (byte) (second >> 8),
        (byte) second};
  }

  private static byte[] longEntry(long value) {
    byte[] entry = new byte[9];
    entry[0] = 5;
    for (int i = 0; i < 8; i++) {
      entry[8 - i] = (byte) (value >>> (8 * i));
    }
    return entry;
  }

  /** A small seeded generator (SplitMix64), so every failure names a seed that replays it. */
  static final class SplitMix {
    private long state;

    SplitMix(long seed) {
      state = seed;
    }

    long next() {
      long z = (state += 0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    long below(long bound) {
      return Math.floorMod(next(), bound);
    }
  }
}
