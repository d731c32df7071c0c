package io.steelmill.simagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeInstruction;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Editing the constant pool redirects exactly what rebuilding the code with the class-file
 * library redirects, leaves every method as it was otherwise, and yields class files the
 * verifier accepts, on every class of {@code java.base} that reads a clock.
 */
class ClockRedirectTest {
  @Test
  void everyClockReaderOfJavaBaseComesOutAsTheRebuildMakesItAndVerifies() throws IOException {
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    int readers = 0;
    try (Stream<Path> files = Files.walk(jrt.getPath("/modules/java.base"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        byte[] classFile = Files.readAllBytes(file);
        String name = ClassFile.of().parse(classFile).thisClass().asInternalName();
        if (TimeReadRewriter.hooked(name) || !ClockReads.mayRead(classFile)) {
          continue;
        }
        readers++;
        byte[] edited = ClockRedirect.redirect(classFile);
        byte[] rebuilt = TimeReadRewriter.rebuild(name, classFile, null);
        assertThat(edited).as(name).isNotNull();
        assertThat(calls(edited)).as(name).isEqualTo(calls(rebuilt));
        assertThat(calls(edited)).as(name).doesNotContain("java/lang/System.nanoTime()J",
            "java/lang/System.currentTimeMillis()J",
            "jdk/internal/misc/VM.getNanoTimeAdjustment(J)J");
        assertThat(ClassFile.of().verify(edited)).as(name).isEmpty();
        assertThat(methods(edited)).as(name).isEqualTo(methods(classFile));
      }
    }
    assertThat(readers).isGreaterThan(20);
  }

  @Test
  void theWallClockBehindInstantNowIsRedirectedToItsOwnName() throws IOException {
    byte[] edited = ClockRedirect.redirect(Transformer.bytesOf(java.time.Clock.class));
    assertThat(calls(edited)).contains(TimeReadRewriter.CLOCK_INTERNAL
        + ".nanoTimeAdjustment(J)J");
  }

  @Test
  void aClassWithoutClockReadsIsNotCopied() throws IOException {
    assertThat(ClockRedirect.redirect(Transformer.bytesOf(String.class))).isNull();
    assertThat(ClockRedirect.redirect(Transformer.bytesOf(
        ClockReadsTest.LooksLikeAClockReader.class))).isNull();
  }

  /** Every call instruction and method-handle constant, in order, as owner.name(type). */
  private static List<String> calls(byte[] classFile) {
    List<String> calls = new ArrayList<>();
    ClassModel model = ClassFile.of().parse(classFile);
    for (MethodModel method : model.methods()) {
      method.code().ifPresent(code -> code.forEach(element -> {
        if (element instanceof InvokeInstruction call) {
          calls.add(call.owner().asInternalName() + "." + call.name().stringValue()
              + call.type().stringValue());
        } else if (element instanceof java.lang.classfile.instruction.InvokeDynamicInstruction
            indy) {
          calls.add("indy " + indy.bootstrapArgs());
        }
      }));
    }
    return calls;
  }

  private static List<String> methods(byte[] classFile) {
    List<String> methods = new ArrayList<>();
    for (MethodModel method : ClassFile.of().parse(classFile).methods()) {
      methods.add(method.methodName().stringValue() + method.methodType().stringValue() + " "
          + method.flags().flagsMask() + " " + method.code().map(code -> code.elementList()
              .size()).orElse(-1));
    }
    return methods;
  }
}
