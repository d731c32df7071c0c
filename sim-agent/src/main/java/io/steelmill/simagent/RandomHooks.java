package io.steelmill.simagent;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.function.Consumer;

/**
 * The JDK's own sources of randomness, rewritten to ask {@code VirtualClock} first: in a task of a
 * running simulation they draw from the run's seed, elsewhere they stay as they were. Each reads
 * something no seed decides: a JVM-wide generator ({@code Math.random}, {@code
 * Collections.shuffle}), a JVM-wide counter ({@code new Random()}'s uniquifier, {@code
 * ThreadLocalRandom}'s per-thread seeds, the {@code defaultGen} of {@code SplittableRandom} and
 * of the {@code RandomGenerator} algorithms), or the operating system's entropy ({@code
 * SecureRandom}, so {@code UUID.randomUUID}); a run of one seed then drew other values every
 * time, silently. Only methods the JDK does not call in its start-up are touched, and no method
 * or field is added, so the classes can be retransformed.
 */
final class RandomHooks {
  private static final ClassDesc CLOCK = ClassDesc.ofInternalName(TimeReadRewriter.CLOCK_INTERNAL);
  private static final String ATOMIC_LONG = "java/util/concurrent/atomic/AtomicLong";
  /** Whose no-argument constructors seed themselves from a JVM-wide {@code defaultGen}. */
  private static final String ALGORITHMS = "jdk/internal/random/";
  private static final String SPLITTABLE = "java/util/SplittableRandom";

  private RandomHooks() {}

  /** Whether {@code className} (internal form) has a source of randomness to rewrite. */
  static boolean hooked(String className) {
    return Prologue.of(className) || CallSite.of(className);
  }

  /**
   * What rewrites {@code method} of {@code className}: a prologue that answers from the run's
   * seed, or the seed-counter read of a constructor redirected, each then applying {@code rest}
   * to every instruction; {@code rest} itself when the method has neither.
   */
  static CodeTransform code(String className, MethodModel method, CodeTransform rest) {
    for (Prologue prologue : Prologue.values()) {
      if (prologue.matches(className, method)) {
        return new CodeTransform() {
          @Override
          public void atStart(CodeBuilder code) {
            prologue.emit.accept(code);
          }

          @Override
          public void accept(CodeBuilder code, CodeElement element) {
            rest.accept(code, element);
          }
        };
      }
    }
    if (className.equals("java/util/Random") && method.methodName().equalsString("<init>")
        && method.methodType().equalsString("(J)V")) {
      return (code, element) -> { // every Random's constructor ends here: the kernel notes it
        if (element instanceof ReturnInstruction) {
          code.aload(0).invokestatic(CLOCK, "randomMade",
              MethodTypeDesc.ofDescriptor("(Ljava/lang/Object;)V"));
        }
        rest.accept(code, element);
      };
    }
    for (CallSite site : CallSite.values()) {
      if (site.in(className, method)) {
        return (code, element) -> {
          if (element instanceof InvokeInstruction call && site.calls(call)) {
            code.invokestatic(CLOCK, site.hook, MethodTypeDesc.ofDescriptor(site.hookType));
          } else {
            rest.accept(code, element);
          }
        };
      }
    }
    return rest;
  }

  private static boolean seededByDefaultGen(String className) {
    return className.equals(SPLITTABLE) || className.startsWith(ALGORITHMS);
  }

  /** A call inside a JDK method that reads what no seed decides, redirected. */
  private enum CallSite {
    /** {@code defaultGen.getAndAdd} in a no-argument constructor: a JVM-wide counter. */
    DEFAULT_GEN(null, "<init>", ATOMIC_LONG, "getAndAdd", "(J)J", "seedGetAndAdd",
        "(L" + ATOMIC_LONG + ";J)J"),
    /** {@code ThreadLocalRandom}'s per-thread step adds the thread id: a JVM-wide counter. */
    THREAD_ID("java/util/concurrent/ThreadLocalRandom", "nextSeed", "java/lang/Thread",
        "threadId", "()J", "randomThreadId", "(Ljava/lang/Thread;)J");

    private final String owner; // null: the classes seeded by a defaultGen
    private final String method;
    private final String callOwner;
    private final String callName;
    private final String callType;
    private final String hook;
    private final String hookType;

    CallSite(String owner, String method, String callOwner, String callName, String callType,
        String hook, String hookType) {
      this.owner = owner;
      this.method = method;
      this.callOwner = callOwner;
      this.callName = callName;
      this.callType = callType;
      this.hook = hook;
      this.hookType = hookType;
    }

    static boolean of(String className) {
      for (CallSite site : values()) {
        if (site.owner == null ? seededByDefaultGen(className) : site.owner.equals(className)) {
          return true;
        }
      }
      return false;
    }

    boolean in(String className, MethodModel model) {
      return (owner == null ? seededByDefaultGen(className) : owner.equals(className))
          && model.methodName().equalsString(method);
    }

    boolean calls(InvokeInstruction call) {
      return call.opcode() == Opcode.INVOKEVIRTUAL
          && call.owner().asInternalName().equals(callOwner)
          && call.name().equalsString(callName) && call.type().equalsString(callType);
    }
  }

  /** A method that first asks {@code VirtualClock} and returns its answer unless it is "real". */
  private enum Prologue {
    /** {@code new Random()}: its seed is this ^ {@code nanoTime()} (virtual in a task). */
    RANDOM_UNIQUIFIER("java/util/Random", "seedUniquifier", "()J", code -> {
      code.invokestatic(CLOCK, "seed", MethodTypeDesc.ofDescriptor("()J"));
      Label real = code.newLabel();
      code.dup2().loadConstant(Long.MIN_VALUE).lcmp().ifeq(real).lreturn();
      code.labelBinding(real);
      code.pop2();
    }),
    MATH_RANDOM("java/lang/Math", "random", "()D", Prologue::doubleUnlessNaN),
    STRICT_MATH_RANDOM("java/lang/StrictMath", "random", "()D", Prologue::doubleUnlessNaN),
    SHUFFLE("java/util/Collections", "shuffle", "(Ljava/util/List;)V",
        code -> voidIfTrue(code.aload(0), "shuffle", "(Ljava/util/List;)Z")),
    /** Under {@code nextLong}, {@code nextInt}, ... of a {@code SecureRandom}, and UUIDs. */
    SECURE_BYTES("java/security/SecureRandom", "nextBytes", "([B)V",
        code -> voidIfTrue(code.aload(1), "randomBytes", "([B)Z")),
    GENERATE_SEED("java/security/SecureRandom", "generateSeed", "(I)[B",
        code -> bytesUnlessNull(code.iload(1))),
    GET_SEED("java/security/SecureRandom", "getSeed", "(I)[B",
        code -> bytesUnlessNull(code.iload(0))),
    /** Under every draw of a plain {@code Random}: the kernel refuses one shared by runs. */
    RANDOM_NEXT("java/util/Random", "next", "(I)I",
        code -> code.aload(0).invokestatic(CLOCK, "randomDrawing",
            MethodTypeDesc.ofDescriptor("(Ljava/lang/Object;)V"))),
    THREAD_LOCAL_RANDOM("java/util/concurrent/ThreadLocalRandom", "localInit", "()V",
        code -> voidIfTrue(code, "threadLocalRandomInit", "()Z"));

    private final String owner;
    private final String name;
    private final String descriptor;
    private final Consumer<CodeBuilder> emit;

    Prologue(String owner, String name, String descriptor, Consumer<CodeBuilder> emit) {
      this.owner = owner;
      this.name = name;
      this.descriptor = descriptor;
      this.emit = emit;
    }

    static boolean of(String className) {
      for (Prologue prologue : values()) {
        if (prologue.owner.equals(className)) {
          return true;
        }
      }
      return false;
    }

    boolean matches(String className, MethodModel method) {
      return owner.equals(className) && method.methodName().equalsString(name)
          && method.methodType().equalsString(descriptor);
    }

    private static void doubleUnlessNaN(CodeBuilder code) {
      code.invokestatic(CLOCK, "random", MethodTypeDesc.ofDescriptor("()D"));
      Label real = code.newLabel();
      code.dup2().dup2().dcmpl().ifne(real).dreturn(); // NaN alone differs from itself
      code.labelBinding(real);
      code.pop2();
    }

    private static void voidIfTrue(CodeBuilder code, String hook, String descriptor) {
      code.invokestatic(CLOCK, hook, MethodTypeDesc.ofDescriptor(descriptor));
      Label real = code.newLabel();
      code.ifeq(real).return_();
      code.labelBinding(real);
    }

    private static void bytesUnlessNull(CodeBuilder code) {
      code.invokestatic(CLOCK, "randomBytes", MethodTypeDesc.ofDescriptor("(I)[B"));
      Label real = code.newLabel();
      code.dup().ifnull(real).areturn();
      code.labelBinding(real);
      code.pop();
    }
  }
}
