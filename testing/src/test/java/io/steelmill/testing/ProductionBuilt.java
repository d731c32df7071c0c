package io.steelmill.testing;

/**
 * Stands for a factory compiled in production mode (this module's fixtures are compiled in
 * simulation mode): {@link SteelmillProductionBuilt} is what the processor would have written.
 */
interface ProductionBuilt {}
