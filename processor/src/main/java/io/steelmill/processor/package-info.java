/**
 * The Steelmill annotation processor: {@link io.steelmill.processor.SteelmillProcessor} runs the
 * rounds, and {@link io.steelmill.processor.FactoryStep} takes one {@code @Factory} from its
 * elements to its generated source: read ({@code model}), check both modes ({@code validation}),
 * write the active one ({@code writing}).
 */
package io.steelmill.processor;
