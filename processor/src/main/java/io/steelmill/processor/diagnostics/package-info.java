/**
 * Everything the processor says: {@link io.steelmill.processor.diagnostics.ErrorCode}, the single
 * catalog of messages with their stable tags and fixes; {@link
 * io.steelmill.processor.diagnostics.Diagnostics}, which collects, deduplicates across modes and
 * reports them; and {@link io.steelmill.processor.diagnostics.TypeNames}, which shortens types
 * for humans.
 */
package io.steelmill.processor.diagnostics;
