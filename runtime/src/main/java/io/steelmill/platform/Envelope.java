package io.steelmill.platform;

/** A received message and its sender's address (where a reply goes). */
public record Envelope<M>(Address from, M message) {}
