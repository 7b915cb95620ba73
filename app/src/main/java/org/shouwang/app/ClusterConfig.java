package org.shouwang.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Several nodes against one broker and one database (issue 16, docs/architecture.md): off by default, which is
 * the single node of before. On, the node that holds the database's leadership lock ({@link Leadership}) runs
 * ingest, the rules and the notifier (escalation, paging); every node serves the console and the webhooks.
 *
 * @param enabled        contend for leadership instead of running everything at once
 * @param nodeId         this node's name in logs and in {@code pg_stat_activity}; blank: the host name
 * @param renewEvery     how often the leader renews (and a standby tries the lock); whole seconds, 1-10 s;
 *                       a kill -9'd leader is replaced within about this plus the start of ingest and the rules
 * @param sessionTimeout the server ends a leadership session no renewal reached for this long (and the lock goes
 *                       with it); at least 4 × {@code renewEvery}, so a leader that cannot renew has begun to step
 *                       down ({@link #stepDownWithin()}) well before another node can lead
 */
public record ClusterConfig(boolean enabled, String nodeId, Duration renewEvery, Duration sessionTimeout) {

    public static final Duration DEFAULT_RENEW_EVERY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
    static final ClusterConfig DEFAULTS = new ClusterConfig(false, "", DEFAULT_RENEW_EVERY, DEFAULT_SESSION_TIMEOUT);

    public ClusterConfig {
        nodeId = nodeId == null ? "" : nodeId.strip();
        if (!nodeId.matches("[A-Za-z0-9._-]{0,40}")) {
            throw new IllegalArgumentException("cluster: nodeId is up to 40 letters, digits, '.', '_' or '-'");
        }
        if (renewEvery == null || renewEvery.toMillis() % 1000 != 0 || renewEvery.toSeconds() < 1
                || renewEvery.toSeconds() > 10) {
            throw new IllegalArgumentException("cluster: renewEvery must be whole seconds within 1-10 s, was " + renewEvery);
        }
        if (sessionTimeout == null || sessionTimeout.compareTo(renewEvery.multipliedBy(4)) < 0) {
            throw new IllegalArgumentException("cluster: sessionTimeout must be at least 4 × renewEvery ("
                    + renewEvery.multipliedBy(4) + "), was " + sessionTimeout);
        }
    }

    /**
     * How long one renewal may take before it counts as failed (the connection's socket timeout): half of what
     * {@code sessionTimeout} leaves after one period, whole seconds, at least 1 s (4 s with the defaults). A failing
     * renewal then ends by {@code renewEvery + renewalTimeout} after the last success, and the leader has the other
     * half to stop its duties before the server can release the lock; a short stall under load is not a loss.
     */
    public Duration renewalTimeout() {
        return Duration.ofSeconds(Math.max(1, sessionTimeout.minus(renewEvery).toSeconds() / 2));
    }

    /** When a leader that cannot renew has begun to step down, at the latest, after its last good renewal. */
    public Duration stepDownWithin() {
        return renewEvery.plus(renewalTimeout());
    }

    /** The configured name, else the host name. */
    public String node() {
        if (!nodeId.isEmpty()) {
            return nodeId;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
