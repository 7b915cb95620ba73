package org.shouwang.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.shouwang.console.HealthCheck;
import org.shouwang.ingest.MqttIngestVerticle;
import org.shouwang.notifier.OutboxWatch;
import org.shouwang.notifier.ProviderHealth;
import org.shouwang.rules.RulesVerticle;

/**
 * What readiness ({@code /health/ready}) asks, part by part along the data path: the database, the broker, the
 * ingest writer, the rule clock, the outbox, and each paging provider. Each names itself and, when down, says
 * why in Chinese for the operator. Readiness says whether the watch works as a whole; a load balancer in front of
 * the console alone should probe {@code /health/live}, so staff keep the console while, say, Twilio is down.
 */
final class Readiness {

    private Readiness() {
    }

    /**
     * @param database where the database is: probed with a connection of its own (2 s to connect and log in), as
     *                 {@link StartupGate} does before the start, so a database that refuses connections is named
     *                 at once rather than after the pool's 10-s wait for one
     */
    static List<HealthCheck> checks(AppConfig.Database database, MqttIngestVerticle ingest, RulesVerticle rules,
                                    OutboxWatch outbox, List<ProviderHealth> providers) {
        return checks(database, () -> ingest, () -> rules, outbox, providers);
    }

    /**
     * As above, for a cluster node ({@link LeaderDuties}): ingest and the rules are there while it leads (null
     * otherwise); a standby has neither and is ready when the rest is, since its console and webhooks serve.
     */
    static List<HealthCheck> checks(AppConfig.Database database, Supplier<MqttIngestVerticle> ingest,
                                    Supplier<RulesVerticle> rules, OutboxWatch outbox, List<ProviderHealth> providers) {
        List<HealthCheck> checks = new ArrayList<>(List.of(
                HealthCheck.of("database", () -> StartupGate.probe(database, 2) == null, "数据库无响应"),
                HealthCheck.of("broker", () -> standbyOr(ingest.get(), MqttIngestVerticle::connected), "MQTT 代理未连接"),
                HealthCheck.of("ingest", () -> standbyOr(ingest.get(), MqttIngestVerticle::writerCommitting),
                        "设备数据写入数据库失败，正在重试"),
                HealthCheck.reporting("rules", () -> {
                    RulesVerticle r = rules.get();
                    return r == null ? null : r.clockProblem();
                }),
                HealthCheck.reporting("notifier", outbox::problem)));
        providers.forEach(p -> checks.add(HealthCheck.reporting(p.name(), p::problem)));
        return checks;
    }

    private static boolean standbyOr(MqttIngestVerticle ingest, java.util.function.Predicate<MqttIngestVerticle> up) {
        return ingest == null || up.test(ingest);
    }
}
