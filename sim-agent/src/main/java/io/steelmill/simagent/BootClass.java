package io.steelmill.simagent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.Set;

/**
 * Defines {@code VirtualClock} inside {@code java.base}, as {@code
 * java.lang.SteelmillVirtualClock}:
 * every module reads {@code java.base} and {@code java.lang} is exported to all, so any class,
 * the JDK's included, can call it, and it can read the JDK's real wall clock. (Appending a jar
 * to the bootstrap class path would do too, but the JVM then prints a warning on standard output,
 * which a command-line tool's output must not carry.)
 */
final class BootClass {
  static final String NAME = "java.lang.SteelmillVirtualClock";
  private static final String SOURCE = "io/steelmill/simagent/boot/VirtualClock";
  private static final ClassDesc TARGET = ClassDesc.of(NAME);

  private BootClass() {}

  /** Defines the class (once per JVM) and returns it. */
  static Class<?> define(Instrumentation instrumentation) throws IOException,
      IllegalAccessException {
    try {
      return Class.forName(NAME, false, null);
    } catch (ClassNotFoundException notYet) {
      // define it below
    }
    Module agent = BootClass.class.getModule();
    instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
        Map.of("java.lang", Set.of(agent)), Set.of(), Map.of());
    MethodHandles.Lookup javaLang = MethodHandles.privateLookupIn(Object.class,
        MethodHandles.lookup());
    return javaLang.defineClass(renamed(source()));
  }

  /** The class file of {@code VirtualClock}, with every reference to itself renamed. */
  static byte[] renamed(byte[] classFile) {
    CodeTransform selfReferences = (code, element) -> {
      if (element instanceof FieldInstruction field
          && field.owner().asInternalName().equals(SOURCE)) {
        code.fieldAccess(field.opcode(), TARGET, field.name().stringValue(), field.typeSymbol());
      } else if (element instanceof InvokeInstruction call
          && call.owner().asInternalName().equals(SOURCE)) {
        code.invoke(call.opcode(), TARGET, call.name().stringValue(), call.typeSymbol(),
            call.isInterface());
      } else {
        code.with(element);
      }
    };
    return ClassFile.of().transformClass(ClassFile.of().parse(classFile), TARGET,
        ClassTransform.transformingMethodBodies(selfReferences));
  }

  private static byte[] source() throws IOException {
    ClassLoader loader = BootClass.class.getClassLoader();
    String resource = SOURCE + ".class";
    try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
        : loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("the agent's class " + resource + " is missing from its jar");
      }
      return in.readAllBytes();
    }
  }
}
