/**
 * Writes the generated sources with JavaPoet: {@link
 * io.steelmill.processor.writing.FactoryWriter} turns one validated {@link
 * io.steelmill.processor.model.BindingGraph} into {@code Steelmill<Name>}. Writers never report
 * validation errors: they only see graphs that passed.
 */
package io.steelmill.processor.writing;
