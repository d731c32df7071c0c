/**
 * The production {@link io.steelmill.platform.LeaseService}: {@link
 * io.steelmill.zookeeper.ZooKeeperLeaseService}, on Apache Curator. Fencing tokens are the
 * sequence numbers ZooKeeper gives lease nodes under a persistent per-resource parent, so they
 * strictly increase for as long as the ensemble keeps its data.
 */
package io.steelmill.zookeeper;
