package io.steelmill.examples;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The values a whole-number option accepts, declared on its field next to {@code @Option}: the
 * command line refuses anything outside before the command runs, with one line naming the option
 * and this range ({@link WholeNumbers}). Every whole-number option has one; its description says
 * the same range in words (a test checks both).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface WholeRange {
  long min();

  long max();
}
