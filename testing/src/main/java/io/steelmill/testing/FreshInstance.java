package io.steelmill.testing;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The test instances of a rerun of one seed (the determinism check's second run, a shrink
 * replay). JUnit makes a fresh instance for every invocation, so a test may keep state in its
 * fields; a rerun on the first run's instance started from what that run left. What a rerun
 * gets, level by level (outermost first, for {@code @Nested} classes):
 *
 * <ul>
 *   <li>Each level's lifecycle is its own: the class's {@code @TestInstance} (inherited), else
 *       the configuration parameter {@code junit.jupiter.testinstance.lifecycle.default}, else
 *       per method. A per-method level gets a new instance from its single constructor (an inner
 *       class's with its enclosing instance), parameters resolved as JUnit resolves them. A
 *       per-class level, and every level enclosing one (the inner instance JUnit keeps holds
 *       it), keeps JUnit's instance: what its {@code @BeforeAll} set stays.
 *   <li>In a new instance, what the constructor and field initializers set is never replaced. A
 *       {@code @TempDir} field (Path or File) gets a new empty directory ({@link FreshTempDirs}),
 *       as JUnit would give it. Any other field with a runtime annotation that the new instance
 *       left null gets the first run's value: what an extension injected (a mock, an injected
 *       service) is the same object, with what it recorded in the first run (reset a mock in
 *       {@code @BeforeEach} when a count matters). Primitive fields are never copied.
 *   <li>Every level's {@code @BeforeEach} methods run, outermost first, before the rerun; {@link
 *       #tearDown} runs the new instances' {@code @AfterEach} methods, innermost first, closes
 *       their {@code @AutoClose} fields (unless a field holds the first run's object, which
 *       JUnit closes) and deletes the rerun's temporary directories. On a shared instance the
 *       first run's {@code @AfterEach} methods run before the rerun's {@code @BeforeEach}, and
 *       JUnit's own {@code @AfterEach} after the invocation ends the rerun's setup: every setup
 *       has one teardown, as between two invocations JUnit makes.
 *   <li>Not re-done: extensions' callbacks ({@code BeforeEachCallback}, {@code
 *       postProcessTestInstance}, those of a {@code @RegisterExtension} field's object) other
 *       than parameter resolution, and {@code @BeforeAll}/{@code @AfterAll}.
 * </ul>
 */
final class FreshInstance {
  static final String DEFAULT_LIFECYCLE = "junit.jupiter.testinstance.lifecycle.default";

  private final ExtensionContext context;
  private final List<Object> originals;
  private final List<Object> instances = new ArrayList<>();
  private final boolean[] shared;
  private final FreshTempDirs dirs;

  private FreshInstance(ExtensionContext context, List<Object> originals, boolean[] shared) {
    this.context = context;
    this.originals = originals;
    this.shared = shared;
    this.dirs = new FreshTempDirs(context);
  }

  /** Instances for a rerun of the invocation of {@code context}, set up. */
  static FreshInstance setUp(ExtensionContext context) throws Exception {
    List<Object> originals = context.getTestInstances()
        .map(all -> all.getAllInstances()).orElse(List.of());
    FreshInstance fresh = new FreshInstance(context, originals, sharedLevels(context, originals));
    try {
      for (int i = 0; i < originals.size(); i++) {
        fresh.instances.add(fresh.shared[i] ? originals.get(i)
            : fresh.make(originals.get(i), i == 0 ? null : fresh.instances.get(i - 1)));
      }
      for (int i = originals.size() - 1; i >= 0; i--) {
        if (fresh.shared[i]) { // the first run's setup of a shared instance ends first
          fresh.runAll(originals.get(i), AfterEach.class, HierarchyTraversalMode.BOTTOM_UP);
        }
      }
      for (Object instance : fresh.instances) {
        fresh.runAll(instance, BeforeEach.class, HierarchyTraversalMode.TOP_DOWN);
      }
    } catch (Exception | Error e) {
      try {
        fresh.dirs.delete(false);
      } catch (Exception cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    return fresh;
  }

  /** Which levels (outermost first) keep JUnit's instance: per class, or enclosing one that is. */
  private static boolean[] sharedLevels(ExtensionContext context, List<Object> originals) {
    int n = originals.size();
    boolean[] shared = new boolean[n];
    for (int i = n - 1; i >= 0; i--) {
      Lifecycle own = i == n - 1
          ? context.getTestInstanceLifecycle().orElse(Lifecycle.PER_METHOD)
          : lifecycle(context, originals.get(i).getClass());
      shared[i] = own == Lifecycle.PER_CLASS || (i < n - 1 && shared[i + 1]);
    }
    return shared;
  }

  /** The lifecycle JUnit gives {@code type}'s instances. */
  static Lifecycle lifecycle(ExtensionContext context, Class<?> type) {
    Optional<TestInstance> own = AnnotationSupport.findAnnotation(type, TestInstance.class);
    if (own.isPresent()) {
      return own.get().value();
    }
    try {
      return context.getConfigurationParameter(DEFAULT_LIFECYCLE)
          .map(v -> Lifecycle.valueOf(v.trim().toUpperCase(Locale.ROOT)))
          .orElse(Lifecycle.PER_METHOD);
    } catch (IllegalArgumentException e) {
      return Lifecycle.PER_METHOD; // JUnit warns and takes its default
    }
  }

  /** The instance whose test method runs (null for none). */
  Object target() {
    return instances.isEmpty() ? null : instances.get(instances.size() - 1);
  }

  /**
   * The rerun's argument for {@code parameter}, whose first run had {@code original}: a new
   * directory for a {@code @TempDir} one, else the same.
   */
  Object argument(Parameter parameter, Object original) throws Exception {
    Optional<TempDir> temp = FreshTempDirs.of(parameter, parameter.getType());
    return temp.isPresent() ? dirs.make(parameter, temp.get(), parameter.getType()) : original;
  }

  /**
   * Ends the rerun: the new instances' {@code @AfterEach} methods (innermost first) and {@code
   * @AutoClose} fields, then its temporary directories ({@code succeeded} for {@code
   * ON_SUCCESS}). Each step is attempted; the first failure is thrown, the others suppressed.
   */
  void tearDown(boolean succeeded) throws Exception {
    Exception failure = null;
    for (int i = instances.size() - 1; i >= 0; i--) {
      if (shared[i]) {
        continue; // JUnit's own @AfterEach ends the rerun's setup of a shared instance
      }
      int level = i;
      failure = attempt(failure, () -> runAll(instances.get(level), AfterEach.class,
          HierarchyTraversalMode.BOTTOM_UP));
      failure = attempt(failure, () -> closeFields(level));
    }
    failure = attempt(failure, () -> dirs.delete(succeeded));
    if (failure != null) {
      throw failure;
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private static Exception attempt(Exception failure, Step step) {
    try {
      step.run();
      return failure;
    } catch (Exception e) {
      if (failure == null) {
        return e;
      }
      failure.addSuppressed(e);
      return failure;
    }
  }

  private Object make(Object original, Object outer) throws Exception {
    Class<?> type = original.getClass();
    Constructor<?>[] constructors = type.getDeclaredConstructors();
    if (constructors.length != 1) {
      return original; // JUnit itself refuses such a class; nothing better to do
    }
    Constructor<?> constructor = constructors[0];
    constructor.setAccessible(true);
    boolean inner = type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers());
    Object made = inner ? context.getExecutableInvoker().invoke(constructor, outer)
        : context.getExecutableInvoker().invoke(constructor);
    for (Field field : fields(type)) {
      Optional<TempDir> temp = FreshTempDirs.of(field, field.getType());
      if (temp.isPresent()) {
        field.set(made, dirs.make(field, temp.get(), field.getType()));
      } else if (field.getAnnotations().length > 0 && !field.getType().isPrimitive()
          && field.get(made) == null) {
        field.set(made, field.get(original)); // what an extension injected
      }
    }
    return made;
  }

  /** The non-static fields of {@code type} and its superclasses, accessible. */
  private static List<Field> fields(Class<?> type) {
    List<Field> all = new ArrayList<>();
    for (Class<?> level = type; level != null && level != Object.class;
        level = level.getSuperclass()) {
      for (Field field : level.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
          field.setAccessible(true);
          all.add(field);
        }
      }
    }
    return all;
  }

  /** Closes the {@code @AutoClose} fields of a new instance that hold objects of its own. */
  private void closeFields(int level) throws Exception {
    Object instance = instances.get(level);
    for (Field field : fields(instance.getClass())) {
      Optional<AutoClose> close = AnnotationSupport.findAnnotation(field, AutoClose.class);
      Object value = close.isPresent() ? field.get(instance) : null;
      if (value != null && value != field.get(originals.get(level))) {
        Method method = ReflectionSupport.findMethod(value.getClass(), close.get().value())
            .orElseThrow(() -> new IllegalStateException("@AutoClose field " + field.getName()
                + " holds a " + value.getClass().getName() + " with no method "
                + close.get().value() + "()"));
        ReflectionSupport.invokeMethod(method, value);
      }
    }
  }

  private void runAll(Object instance, Class<? extends Annotation> kind,
      HierarchyTraversalMode order) throws Exception {
    for (Method method : AnnotationSupport.findAnnotatedMethods(instance.getClass(), kind,
        order)) {
      method.setAccessible(true);
      try {
        context.getExecutableInvoker().invoke(method, instance);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }
  }
}
