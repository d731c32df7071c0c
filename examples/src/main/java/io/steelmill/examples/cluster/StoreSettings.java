package io.steelmill.examples.cluster;

/** How the storage treats fencing tokens; injected into the ambient factory. */
public record StoreSettings(boolean fenced) {}
