package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The production {@link Buggify} costs nothing: each {@code fires} method is the two bytes
 * {@code iconst_0; ireturn}, far below the JIT's always-inline size (35 bytes), so at a call
 * site that sees only {@link NoBuggify} the call becomes the constant {@code false} and the
 * branch it guards is removed. Read from the class file itself.
 */
class NoBuggifyBytecodeTest {
  private static final int ICONST_0 = 0x03;
  private static final int IRETURN = 0xac;

  @Test
  void everyFiresMethodReturnsTheConstantFalse() throws IOException {
    Map<String, byte[]> code = methodCode(NoBuggify.class);

    assertThat(code).containsKeys("fires(Ljava/lang/String;)Z", "fires(Ljava/lang/String;D)Z");
    for (String method : List.of("fires(Ljava/lang/String;)Z", "fires(Ljava/lang/String;D)Z")) {
      assertThat(code.get(method)).as(method).containsExactly(ICONST_0, IRETURN);
    }
    assertThat(new NoBuggify().fires("x")).isFalse();
    assertThat(new NoBuggify().fires("x", 1.0)).isFalse();
  }

  @Test
  void noBuggifyNamesNoSimulatorClass() throws IOException {
    assertThat(constantPoolClasses(NoBuggify.class)).contains("io/steelmill/platform/Buggify");
    assertThat(constantPoolClasses(NoBuggify.class)).noneMatch(name -> name.contains("/sim/"));
  }

  /** Method name + descriptor to its bytecode, from the class file. */
  static Map<String, byte[]> methodCode(Class<?> type) throws IOException {
    try (DataInputStream in = open(type)) {
      String[] utf8 = readConstantPool(in, new ArrayList<>());
      in.readUnsignedShort(); // access
      in.readUnsignedShort(); // this
      in.readUnsignedShort(); // super
      in.skipBytes(2 * in.readUnsignedShort()); // interfaces
      int fields = in.readUnsignedShort();
      for (int i = 0; i < fields; i++) {
        in.skipBytes(6);
        skipAttributes(in);
      }
      Map<String, byte[]> code = new LinkedHashMap<>();
      int methods = in.readUnsignedShort();
      for (int i = 0; i < methods; i++) {
        in.readUnsignedShort();
        String name = utf8[in.readUnsignedShort()] + utf8[in.readUnsignedShort()];
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
          String attribute = utf8[in.readUnsignedShort()];
          int length = in.readInt();
          if (attribute.equals("Code")) {
            in.readUnsignedShort(); // max stack
            in.readUnsignedShort(); // max locals
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            code.put(name, bytes);
            in.skipBytes(length - 8 - bytes.length);
          } else {
            in.skipBytes(length);
          }
        }
      }
      return code;
    }
  }

  static List<String> constantPoolClasses(Class<?> type) throws IOException {
    try (DataInputStream in = open(type)) {
      List<Integer> classes = new ArrayList<>();
      String[] utf8 = readConstantPool(in, classes);
      return classes.stream().map(i -> utf8[i]).toList();
    }
  }

  private static DataInputStream open(Class<?> type) {
    InputStream stream = type.getResourceAsStream(type.getSimpleName() + ".class");
    assertThat(stream).as("class file of " + type).isNotNull();
    return new DataInputStream(stream);
  }

  /** Reads the header and constant pool; returns UTF-8 entries by index, class name indexes. */
  private static String[] readConstantPool(DataInputStream in, List<Integer> classes)
      throws IOException {
    assertThat(in.readInt()).isEqualTo(0xCAFEBABE);
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classes.add(in.readUnsignedShort());
        case 8, 16, 19, 20 -> in.skipBytes(2);
        case 15 -> in.skipBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return utf8;
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attributes = in.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      in.readUnsignedShort();
      in.skipBytes(in.readInt());
    }
  }
}
