package io.steelmill.simagent;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.lang.classfile.TypeKind;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites one class file: every call of {@code System.nanoTime()}, {@code
 * System.currentTimeMillis()} and {@code jdk.internal.misc.VM.getNanoTimeAdjustment(long)} (the
 * wall-clock read behind {@code Instant.now()}), as an instruction or as a method reference,
 * becomes a call of the same shape to {@code VirtualClock} (defined as {@link BootClass#NAME}); and
 * a few JDK methods get a first
 * instruction that reports an escape ({@code Thread.start}, {@code VirtualThread.start}, {@code
 * Object.wait(long)}, {@code VirtualThread.parkOnCarrierThread}, the {@link Hook}s: sockets,
 * processes, pools, timers), a constructor a last one; and the JDK's sources of
 * randomness ask it for the run's seed first ({@link RandomHooks}). Nothing else changes: no method or field is added, so
 * loaded classes can be retransformed. Classes without hooks are edited in their constant pool
 * alone ({@link ClockRedirect}); the class-file library rebuilds the hooked ones.
 */
final class TimeReadRewriter {
  static final String CLOCK_INTERNAL = BootClass.NAME.replace('.', '/');
  private static final ClassDesc CLOCK = ClassDesc.ofInternalName(CLOCK_INTERNAL);
  private static final String SYSTEM = "java/lang/System";
  private static final String VM = "jdk/internal/misc/VM";
  private static final MethodTypeDesc LONG = MethodTypeDesc.ofDescriptor("()J");
  private static final MethodTypeDesc LONG_LONG = MethodTypeDesc.ofDescriptor("(J)J");

  private TimeReadRewriter() {}

  /** Whether the class gets an escape hook, so it is rewritten even without clock reads. */
  static boolean hooked(String className) {
    return !Hook.of(className).isEmpty() || RandomHooks.hooked(className);
  }

  /** The rewritten class, or null when it reads no clock and is not hooked. */
  static byte[] rewrite(String className, byte[] bytes, ClassLoader loader) {
    if (!hooked(className)) {
      try {
        return ClockRedirect.redirect(bytes); // the constant pool alone: no parsing
      } catch (ClockReads.UnreadablePool unusual) {
        // a pool this reader does not know: the class-file library decides
      }
    }
    return rebuild(className, bytes, loader);
  }

  /**
   * The class rebuilt with the class-file library (escape hooks, and pools {@link ClockRedirect}
   * cannot edit), or null when it reads no clock and is not hooked.
   */
  static byte[] rebuild(String className, byte[] bytes, ClassLoader loader) {
    List<Hook> hooks = Hook.of(className);
    boolean random = RandomHooks.hooked(className);
    if (hooks.isEmpty() && !random && !ClockReads.mayRead(bytes)) {
      return null; // most classes: one pass over the constant pool, no parsing
    }
    ClassModel model = ClassFile.of().parse(bytes);
    if (hooks.isEmpty() && !random && !readsAClock(model)) {
      return null;
    }
    ClassTransform transform = (builder, element) -> {
      if (element instanceof MethodModel method) {
        Hook hook = Hook.matching(hooks, method);
        CodeTransform code = hook != null ? hook.prologue(method)
            : RandomHooks.code(className, method, TimeReadRewriter::redirect);
        builder.transformMethod(method, MethodTransform.transformingCode(code));
      } else {
        builder.with(element);
      }
    };
    ClassHierarchyResolver resolver =
        ClassHierarchyResolver.ofResourceParsing(
                loader == null ? ClassLoader.getSystemClassLoader() : loader)
            .orElse(ClassHierarchyResolver.defaultResolver());
    return ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver))
        .transformClass(model, transform);
  }

  /** Whether the constant pool names one of the clock reads (cheap: no code is parsed). */
  static boolean readsAClock(ClassModel model) {
    for (PoolEntry entry : model.constantPool()) {
      if (entry instanceof MemberRefEntry member
          && target(member.owner().asInternalName(), member.name().stringValue(),
              member.type().stringValue()) != null) {
        return true;
      }
    }
    return false;
  }

  /** The {@code VirtualClock} method that replaces {@code owner.name descriptor}, or null. */
  static String target(String owner, String name, String descriptor) {
    if (owner.equals(SYSTEM) && descriptor.equals("()J")) {
      return name.equals("nanoTime") || name.equals("currentTimeMillis") ? name : null;
    }
    if (owner.equals(VM) && name.equals("getNanoTimeAdjustment") && descriptor.equals("(J)J")) {
      return "nanoTimeAdjustment";
    }
    return null;
  }

  private static void redirect(CodeBuilder code, CodeElement element) {
    if (element instanceof InvokeInstruction call && call.opcode() == Opcode.INVOKESTATIC) {
      String replacement = target(call.owner().asInternalName(), call.name().stringValue(),
          call.type().stringValue());
      if (replacement != null) {
        code.invokestatic(CLOCK, replacement, call.typeSymbol());
        return;
      }
    }
    if (element instanceof InvokeDynamicInstruction indy) {
      DynamicCallSiteDesc site = redirectedSite(indy);
      if (site != null) {
        code.invokedynamic(site);
        return;
      }
    }
    code.with(element);
  }

  /** A call site whose arguments name a clock read ({@code System::nanoTime}), redirected. */
  private static DynamicCallSiteDesc redirectedSite(InvokeDynamicInstruction indy) {
    List<ConstantDesc> arguments = indy.bootstrapArgs();
    List<ConstantDesc> changed = new ArrayList<>(arguments.size());
    boolean any = false;
    for (ConstantDesc argument : arguments) {
      if (argument instanceof DirectMethodHandleDesc handle
          && handle.kind() == DirectMethodHandleDesc.Kind.STATIC) {
        String owner = handle.owner().descriptorString();
        String internal = owner.substring(1, owner.length() - 1);
        String replacement = target(internal, handle.methodName(), handle.lookupDescriptor());
        if (replacement != null) {
          changed.add(MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, CLOCK,
              replacement, replacement.equals("nanoTimeAdjustment") ? LONG_LONG : LONG));
          any = true;
          continue;
        }
      }
      changed.add(argument);
    }
    if (!any) {
      return null;
    }
    return DynamicCallSiteDesc.of(indy.bootstrapMethod(), indy.name().stringValue(),
        indy.typeSymbol(), changed.toArray(ConstantDesc[]::new));
  }

  /** A JDK method that reports an escape before its first instruction. */
  private enum Hook {
    THREAD_START("java/lang/Thread", "start", null, "threadStarting", "(Ljava/lang/Thread;)V"),
    OBJECT_WAIT("java/lang/Object", "wait", "(J)V", "objectWaiting", "(Ljava/lang/Object;)V"),
    PINNED_PARK("java/lang/VirtualThread", "parkOnCarrierThread", "(ZJ)V", "pinnedPark", "()V"),
    /**
     * A virtual thread's start overrides {@code Thread.start}: one started outside any task (by a
     * timer action on the carrier) runs on the JDK's scheduler, outside the simulation.
     */
    VIRTUAL_THREAD_START("java/lang/VirtualThread", "start",
        "(Ljdk/internal/vm/ThreadContainer;)V", "threadStarting", "(Ljava/lang/Thread;)V"),
    REAL_SOCKET("sun/nio/ch/Net", "socket serverSocket", null, "socketOpening", "()V"),
    REAL_PROCESS("java/lang/ProcessBuilder", "start", null, "processStarting", "()V"),
    /** Every submission to a pool from outside it: the kernel judges which pool it is. */
    POOL_SUBMIT("java/util/concurrent/ForkJoinPool", "externalSubmissionQueue submissionQueue",
        null, "poolSubmitting", "(Ljava/lang/Object;)V"),
    /**
     * Every delayed action on a pool ({@code ForkJoinPool.schedule*}, and under {@code
     * CompletableFuture.orTimeout}, {@code completeOnTimeout} and {@code delayedExecutor}): the
     * pool's delay scheduler is a platform thread that waits in real time.
     */
    POOL_SCHEDULE("java/util/concurrent/ForkJoinPool", "scheduleDelayedTask", null,
        "poolScheduling", "(Ljava/lang/Object;)V"),
    /** Every task given to a {@code java.util.Timer}: its thread is a platform thread. */
    TIMER_SCHEDULE("java/util/Timer", "sched", null, "timerScheduling", "(Ljava/lang/Object;)V"),
    /** Work given to a thread pool (its {@code submit}s and {@code invoke}s come here too). */
    EXECUTOR_HANDOFF("java/util/concurrent/ThreadPoolExecutor", "execute",
        "(Ljava/lang/Runnable;)V", "executorHandoff", "(Ljava/lang/Object;)V"),
    /** Work given to a scheduled thread pool ({@code schedule*}, {@code execute}, {@code submit}). */
    SCHEDULED_HANDOFF("java/util/concurrent/ScheduledThreadPoolExecutor", "delayedExecute", null,
        "executorHandoff", "(Ljava/lang/Object;)V"),
    /** The end of a thread pool's constructor: the kernel notes which run's code made it. */
    EXECUTOR_MADE("java/util/concurrent/ThreadPoolExecutor", "<init>", null, "executorMade",
        "(Ljava/lang/Object;)V"),
    /**
     * Every timed wait ({@code parkNanos}, {@code parkUntil}, under every timed wait of {@code
     * java.util.concurrent}) and {@code Thread.sleep}: a timer action, on the carrier, must not
     * wait (a task's waits are virtual and return at once from the hook). The hook is given the
     * method's last argument, the wait: {@code parkNanos(0)} and {@code Thread.sleep(0)} wait for
     * nothing, and libraries call them to yield.
     */
    TIMED_PARK("java/util/concurrent/locks/LockSupport", "parkNanos parkUntil", null,
        "timedWaiting", "(J)V"),
    SLEEP("java/lang/Thread", "sleepNanos", "(J)V", "timedWaiting", "(J)V"),
    /** The end of a fork-join pool's constructor, likewise. */
    POOL_MADE("java/util/concurrent/ForkJoinPool", "<init>", null, "executorMade",
        "(Ljava/lang/Object;)V");

    private final String owner;
    private final java.util.List<String> methods; // its names, separated by spaces in the source
    private final String descriptor; // null: every overload
    private final String report;
    private final MethodTypeDesc reportType;

    Hook(String owner, String method, String descriptor, String report, String reportType) {
      this.owner = owner;
      this.methods = java.util.List.of(method.split(" "));
      this.descriptor = descriptor;
      this.report = report;
      this.reportType = MethodTypeDesc.ofDescriptor(reportType);
    }

    /** The hooks of {@code className}'s methods; empty for nearly every class. */
    static List<Hook> of(String className) {
      List<Hook> hooks = List.of();
      for (Hook hook : values()) {
        if (hook.owner.equals(className)) {
          hooks = hooks.isEmpty() ? new ArrayList<>(2) : hooks;
          hooks.add(hook);
        }
      }
      return hooks;
    }

    static Hook matching(List<Hook> hooks, MethodModel method) {
      for (Hook hook : hooks) {
        if (hook.matches(method)) {
          return hook;
        }
      }
      return null;
    }

    boolean matches(MethodModel method) {
      return methods.contains(method.methodName().stringValue())
          && (descriptor == null || method.methodType().equalsString(descriptor));
    }

    CodeTransform prologue(MethodModel method) {
      if (methods.contains("<init>")) { // `this` is ready only at the end of a constructor
        return (code, element) -> {
          if (element instanceof ReturnInstruction) {
            code.aload(0).invokestatic(CLOCK, report, reportType);
          }
          redirect(code, element);
        };
      }
      return new CodeTransform() {
        @Override
        public void atStart(CodeBuilder code) {
          if (reportType.parameterCount() == 1 && reportType.parameterType(0).isPrimitive()) {
            code.lload(lastArgumentSlot(method)); // a static method's last argument, a long
          } else if (reportType.parameterCount() == 1) {
            code.aload(0);
          }
          code.invokestatic(CLOCK, report, reportType);
        }

        @Override
        public void accept(CodeBuilder code, CodeElement element) {
          redirect(code, element);
        }
      };
    }
  }

  /** The local slot of a static method's last argument. */
  private static int lastArgumentSlot(MethodModel method) {
    MethodTypeDesc type = method.methodTypeSymbol();
    int slot = 0;
    for (int i = 0; i < type.parameterCount() - 1; i++) {
      slot += TypeKind.from(type.parameterType(i)).slotSize();
    }
    return slot;
  }
}
