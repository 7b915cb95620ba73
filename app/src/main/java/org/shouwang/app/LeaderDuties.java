package org.shouwang.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

import org.shouwang.ingest.MqttIngestVerticle;
import org.shouwang.rules.RulesVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts only one node may run at a time: the rules (which must see every reading of a device), the notifier
 * (alerts into incidents, the escalation tick, paging) and ingest (the one persistent MQTT session). Fresh
 * instances are built at each {@link #gained()}: ingest then subscribes under the same client id, and the broker
 * hands it what the previous leader left unacknowledged; the rules rebuild their state from the database as after a
 * restart. {@link #lost()} stops ingest first (nothing more taken from the broker or acknowledged, so no press
 * reaches this node's outage pager), then the rules, then the notifier, which finishes the alerts and the pages in
 * hand before it stops: an alert the rules journaled is never raised again by the next leader, so it must be
 * handled here; no escalation step or page goes out from this node afterwards.
 */
final class LeaderDuties implements Leadership.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderDuties.class);

    private final Vertx vertx;
    private final Runnable takeover;
    private final Supplier<RulesVerticle> rules;
    private final Supplier<io.vertx.core.Verticle> notifier;
    private final Supplier<MqttIngestVerticle> ingest;
    /** The carrier inbox's decoder, which announces readings to this node's rules; null without carriers. */
    private final Supplier<io.vertx.core.Verticle> decoder;
    /** Deployment ids in the order {@link #lost()} stops them: ingest, the rules, the notifier. */
    private final Deque<String> deployed = new ArrayDeque<>();
    private volatile RulesVerticle currentRules;
    private volatile MqttIngestVerticle currentIngest;

    /**
     * @param takeover runs first at each gain, before any duty starts (the previous leader's page claims are
     *                 shortened there); blocking
     */
    LeaderDuties(Vertx vertx, Runnable takeover, Supplier<RulesVerticle> rules,
                 Supplier<io.vertx.core.Verticle> notifier, Supplier<MqttIngestVerticle> ingest, MeterRegistry registry) {
        this(vertx, takeover, rules, notifier, ingest, null, registry);
    }

    /** As above, with the carrier decoder started after ingest and stopped with it. */
    LeaderDuties(Vertx vertx, Runnable takeover, Supplier<RulesVerticle> rules,
                 Supplier<io.vertx.core.Verticle> notifier, Supplier<MqttIngestVerticle> ingest,
                 Supplier<io.vertx.core.Verticle> decoder, MeterRegistry registry) {
        this.decoder = decoder;
        this.vertx = vertx;
        this.takeover = takeover;
        this.rules = rules;
        this.notifier = notifier;
        this.ingest = ingest;
        Gauge.builder("shouwang.cluster.leader", this, d -> d.currentIngest == null ? 0 : 1)
                .description("1 while this node runs ingest, the rules and escalation").register(registry);
    }

    /** Deploys in data-path order (the rules and the notifier listen before ingest delivers); blocks. */
    @Override
    public synchronized void gained() {
        long start = System.nanoTime();
        try {
            takeover.run();
            RulesVerticle r = rules.get();
            deployed.push(vertx.deployVerticle(r).await());
            currentRules = r;
            deployed.addLast(vertx.deployVerticle(notifier.get()).await());
            MqttIngestVerticle i = ingest.get();
            deployed.push(vertx.deployVerticle(i).await());
            if (decoder != null) {
                deployed.push(vertx.deployVerticle(decoder.get()).await());
            }
            currentIngest = i;
            LOG.info("leader duties started [rules, notifier, ingest; took: {} ms]", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            // Half a leader is worse than none: stop what started; Leadership then releases the lock.
            LOG.warn("leader duties failed to start, stopping them [cause: {}]", e.toString());
            lost();
            throw e;
        }
    }

    /** Undeploys ingest, the rules, then the notifier; blocks. */
    @Override
    public synchronized void lost() {
        currentIngest = null;
        currentRules = null;
        while (!deployed.isEmpty()) {
            String id = deployed.pop();
            try {
                vertx.undeploy(id).await();
            } catch (RuntimeException e) {
                LOG.warn("leader duty did not stop cleanly [deployment: {}, cause: {}]", id, e.toString());
            }
        }
        LOG.info("leader duties stopped");
    }

    /** Ingest while this node leads, else null (readiness then reports the node as a standby). */
    MqttIngestVerticle ingest() {
        return currentIngest;
    }

    RulesVerticle rules() {
        return currentRules;
    }
}
