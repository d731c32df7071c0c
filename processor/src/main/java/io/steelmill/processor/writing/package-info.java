/**
 * Writes the generated sources: {@link io.steelmill.processor.writing.FactoryWriter} turns one
 * validated {@link io.steelmill.processor.model.BindingGraph} into {@code Steelmill<Name>}. The
 * text is written directly ({@link io.steelmill.processor.writing.Code}), its class names
 * resolved to imports once at the end ({@link io.steelmill.processor.writing.SourceFile}): no
 * code-generation library, so the processor path holds nothing but the processor. Writers never
 * report validation errors: they only see graphs that passed.
 */
package io.steelmill.processor.writing;
