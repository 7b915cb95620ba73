package org.shouwang.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.shouwang.model.Json;
import org.shouwang.notifier.RetryPolicy;

/**
 * The whole configuration of a Shouwang process, section by section as in
 * {@code shouwang-defaults.yaml}. Each section validates itself when it is built.
 */
public record AppConfig(Database database, Mqtt mqtt, Ingest ingest, Rules rules, Console console,
                        Escalation escalation, Webhooks webhooks, Twilio twilio, Management management) {

    static AppConfig from(JsonNode tree) {
        try {
            return Json.MAPPER.convertValue(tree, AppConfig.class);
        } catch (IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalArgumentException("invalid configuration: " + root.getMessage(), e);
        }
    }

    /** Where PostgreSQL is. */
    public record Database(String url, String user, String password, int poolSize) {
        public Database {
            require(url != null && url.startsWith("jdbc:postgresql:"), "database.url must be a jdbc:postgresql: URL");
            require(poolSize >= 2, "database.poolSize must be at least 2");
        }
    }

    /** Where the MQTT broker is and how ingest subscribes. */
    public record Mqtt(String url, String clientId, String username, String password, String sharedGroup) {
        public Mqtt {
            require(url != null && (url.startsWith("tcp://") || url.startsWith("ssl://")),
                    "mqtt.url must start with tcp:// or ssl://");
            require(clientId != null && !clientId.isBlank(), "mqtt.clientId is required");
        }
    }

    /** Batching of durable writes. */
    public record Ingest(int batchSize, Duration batchDelay, int queueCapacity) {
        public Ingest {
            require(batchSize > 0, "ingest.batchSize must be positive");
            require(batchDelay != null && !batchDelay.isNegative(), "ingest.batchDelay must be a positive duration");
            require(queueCapacity >= batchSize, "ingest.queueCapacity must be at least ingest.batchSize");
        }
    }

    /** District-wide rule thresholds (ISO-8601 durations) and how the rule engine runs; validated by the rules. */
    public record Rules(Duration noWaterWindow, Duration noWaterWindowExtreme, double noWaterMinLiters,
                        Duration continuousFlow, double continuousFlowMinLpm, double highUseLiters,
                        Duration meterReportInterval, Duration buttonHeartbeat, int lowBatteryPercent,
                        Duration meterAlarmQuiet, Duration tick, Duration recoveryLookback, Duration contextRefresh) {
        public Rules {
            require(noWaterWindow != null && !noWaterWindow.isNegative() && !noWaterWindow.isZero(),
                    "rules.noWaterWindow must be a positive duration such as PT24H");
            require(noWaterMinLiters >= 0, "rules.noWaterMinLiters must not be negative");
        }
    }

    /** Where the staff console listens. */
    public record Console(String host, int port, boolean secureCookies, Duration sessionIdle, Duration sessionMaxAge,
                          String adminUser, String adminPassword, String trustedProxies) {
        public Console {
            require(host != null && !host.isBlank(), "console.host is required");
            require(port >= 0 && port <= 65535, "console.port must be 0-65535");
            require(sessionIdle != null && sessionMaxAge != null, "console.sessionIdle and sessionMaxAge are required");
        }

        @Override
        public String toString() {
            return "Console[host=" + host + ", port=" + port + ", adminUser=" + adminUser + ", adminPassword=***"
                    + ", trustedProxies=" + trustedProxies + "]";
        }
    }

    /**
     * Escalation plans and how often they are driven; {@code pageDeadline}: how long one person's page is
     * retried before the next person of the role is paged (empty: {@link RetryPolicy#DEFAULT_GIVE_UP_AFTER});
     * {@code outageJournal}: the local file of presses paged from memory while the database is down.
     */
    public record Escalation(String plansFile, Duration tick, String digestAt, String digestRecipients,
                             Duration pageDeadline, String outageJournal) {
        public Escalation {
            require(plansFile != null, "escalation.plansFile must be a path or empty");
            require(tick != null && !tick.isNegative() && !tick.isZero(), "escalation.tick must be a positive duration");
            pageDeadline = pageDeadline == null ? RetryPolicy.DEFAULT_GIVE_UP_AFTER : pageDeadline;
            require(!pageDeadline.isNegative() && pageDeadline.compareTo(Duration.ofMinutes(10)) <= 0,
                    "escalation.pageDeadline must be between PT0S and PT10M");
            require(outageJournal != null && !outageJournal.isBlank(),
                    "escalation.outageJournal must be a file path: presses are paged from memory through it");
        }
    }

    /** Where the management listener ({@code GET /metrics}, Prometheus text format) listens; port 0 picks a free one. */
    public record Management(String host, int port) {
        public Management {
            require(host != null && !host.isBlank(), "management.host is required");
            require(port >= 0 && port <= 65535, "management.port must be 0-65535");
        }
    }

    /** Where Twilio's callbacks arrive. */
    public record Webhooks(String host, int port, String publicBaseUrl) {
        public Webhooks {
            require(port >= 0 && port <= 65535, "webhooks.port must be 0-65535");
            require(publicBaseUrl != null && publicBaseUrl.startsWith("http"), "webhooks.publicBaseUrl must be an http(s) URL");
        }
    }

    /** The Twilio account pages go out through. */
    public record Twilio(String accountSid, String authToken, String fromNumber, String apiBaseUrl) {
        public Twilio {
            require(apiBaseUrl != null && apiBaseUrl.startsWith("http"), "twilio.apiBaseUrl must be an http(s) URL");
        }

        @Override
        public String toString() {
            return "Twilio[accountSid=" + accountSid + ", authToken=***, fromNumber=***, apiBaseUrl=" + apiBaseUrl + "]";
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
