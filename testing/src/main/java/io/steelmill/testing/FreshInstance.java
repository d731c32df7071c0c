package io.steelmill.testing;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The test instances of a rerun of one seed (the determinism check's second run, a shrink
 * replay). JUnit makes a fresh instance for every invocation, so a test may keep state in its
 * fields; a rerun on the first run's instance started from what that run left, and a
 * deterministic test failed the determinism check, or a shrink replay saw another test. A rerun
 * gets instances of its own, made as JUnit makes them: each class's single constructor (an inner
 * class's with its enclosing instance), the annotated fields copied from the first run's
 * instances (what extensions injected: {@code @TempDir}, mocks), and every level's {@code
 * @BeforeEach} methods run, outermost first, with parameters resolved as JUnit resolves them;
 * {@link #tearDown} runs the {@code @AfterEach} methods. Extensions' callbacks other than
 * parameter resolution are not run again. Under {@code @TestInstance(PER_CLASS)} the instances
 * are shared, as JUnit shares them between invocations.
 */
final class FreshInstance {
  private final ExtensionContext context;
  private final List<Object> instances;

  private FreshInstance(ExtensionContext context, List<Object> instances) {
    this.context = context;
    this.instances = instances;
  }

  /** New instances for a rerun of the invocation of {@code context}, set up. */
  static FreshInstance setUp(ExtensionContext context) throws Exception {
    List<Object> originals = context.getTestInstances()
        .map(all -> all.getAllInstances()).orElse(List.of());
    List<Object> made = new ArrayList<>();
    boolean shared = context.getTestInstanceLifecycle()
        .map(l -> l == TestInstance.Lifecycle.PER_CLASS).orElse(false);
    for (Object original : originals) {
      made.add(shared ? original : fresh(context, original, made.isEmpty() ? null
          : made.get(made.size() - 1)));
    }
    FreshInstance fresh = new FreshInstance(context, made);
    for (Object instance : made) {
      fresh.runAll(instance, BeforeEach.class, HierarchyTraversalMode.TOP_DOWN);
    }
    return fresh;
  }

  /** The instance whose test method runs (null for none). */
  Object target() {
    return instances.isEmpty() ? null : instances.get(instances.size() - 1);
  }

  /** Runs the {@code @AfterEach} methods, innermost instance first. */
  void tearDown() throws Exception {
    for (int i = instances.size() - 1; i >= 0; i--) {
      runAll(instances.get(i), AfterEach.class, HierarchyTraversalMode.BOTTOM_UP);
    }
  }

  private static Object fresh(ExtensionContext context, Object original, Object outer)
      throws Exception {
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
    for (Class<?> level = type; level != null && level != Object.class;
        level = level.getSuperclass()) {
      for (Field field : level.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) && field.getAnnotations().length > 0) {
          field.setAccessible(true);
          field.set(made, field.get(original));
        }
      }
    }
    return made;
  }

  private void runAll(Object instance, Class<? extends java.lang.annotation.Annotation> kind,
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
