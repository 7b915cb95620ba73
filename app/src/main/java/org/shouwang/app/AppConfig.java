package org.shouwang.app;

import static org.shouwang.app.ConfigSections.blankToNull;
import static org.shouwang.app.ConfigSections.validated;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.shouwang.care.CareConfig;
import org.shouwang.carrier.CarrierConfig;
import org.shouwang.console.ConsoleConfig;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.ingest.IngestConfig;
import org.shouwang.model.Json;
import org.shouwang.model.ResidentId;
import org.shouwang.model.RuleThresholds;
import org.shouwang.notifier.EscalationOptions;
import org.shouwang.notifier.QuietHours;
import org.shouwang.notifier.TwilioConfig;
import org.shouwang.notifier.WebhookConfig;
import org.shouwang.rules.RuleSettings;

/**
 * The whole configuration of a Shouwang process, section by section as the YAML file has them. Each section
 * binds to its module's options record, which owns the defaults and the validation: where the file's shape
 * is the record's ({@code escalation}, {@code webhooks}), the section is that record; elsewhere the section
 * is a thin binder that builds the record at once, so a wrong value is refused when the file is read, with
 * the module's own message. {@link #DEFAULTS} is assembled from the modules' defaults and nothing else.
 */
public record AppConfig(Database database, Mqtt mqtt, Ingest ingest, Rules rules, Console console,
                        EscalationOptions escalation, WebhookConfig webhooks, Twilio twilio, Management management,
                        Care care, Aliyun aliyun, Carrier carrier, ClusterConfig cluster) {

    /** Every key at its module's default. */
    public static final AppConfig DEFAULTS = new AppConfig(Database.DEFAULTS, Mqtt.DEFAULTS, Ingest.DEFAULTS,
            Rules.DEFAULTS, Console.DEFAULTS, EscalationOptions.DEFAULTS, WebhookConfig.DEFAULTS, Twilio.DEFAULTS,
            Management.DEFAULTS, Care.DEFAULTS, Aliyun.DEFAULTS, Carrier.DEFAULTS, ClusterConfig.DEFAULTS);

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

    /** What ingest runs with: where the broker is ({@code mqtt}) and how it batches ({@code ingest}). */
    public IngestConfig ingestConfig() {
        return mqtt.options().withBatching(ingest.batchSize(), ingest.batchDelay(), ingest.queueCapacity())
                .withWriters(ingest.writers());
    }

    /** Where PostgreSQL is; validated by {@link DatabaseConfig}. */
    public record Database(String url, String user, String password, int poolSize) {
        static final Database DEFAULTS = new Database(DatabaseConfig.DEFAULT_URL, "", "", DatabaseConfig.DEFAULT_POOL_SIZE);

        public Database {
            validated("database", () -> options(url, user, password, poolSize));
        }

        public DatabaseConfig options() {
            return options(url, user, password, poolSize);
        }

        private static DatabaseConfig options(String url, String user, String password, int poolSize) {
            return new DatabaseConfig(url, blankToNull(user), blankToNull(password), poolSize);
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", password=***, poolSize=" + poolSize + "]";
        }
    }

    /** Where the MQTT broker is and how ingest subscribes; validated by {@link IngestConfig}. */
    public record Mqtt(String url, String clientId, String username, String password, String sharedGroup) {
        static final Mqtt DEFAULTS = new Mqtt(IngestConfig.DEFAULT_BROKER_URL, IngestConfig.DEFAULT_CLIENT_ID, "", "", "");

        public Mqtt {
            validated("mqtt", () -> options(url, clientId, username, password, sharedGroup));
        }

        /** The broker part of ingest's options, batching at its defaults. */
        public IngestConfig options() {
            return options(url, clientId, username, password, sharedGroup);
        }

        private static IngestConfig options(String url, String clientId, String username, String password,
                                            String sharedGroup) {
            return IngestConfig.of(url, clientId).withCredentials(blankToNull(username), blankToNull(password))
                    .withSharedGroup(blankToNull(sharedGroup));
        }

        @Override
        public String toString() {
            return "Mqtt[url=" + url + ", clientId=" + clientId + ", username=" + username + ", password=***"
                    + ", sharedGroup=" + sharedGroup + "]";
        }
    }

    /** Batching of durable writes; validated by {@link IngestConfig}. */
    public record Ingest(int batchSize, Duration batchDelay, int queueCapacity, int writers) {
        static final Ingest DEFAULTS = new Ingest(IngestConfig.DEFAULT_BATCH_SIZE, IngestConfig.DEFAULT_BATCH_DELAY,
                IngestConfig.DEFAULT_QUEUE_CAPACITY, IngestConfig.DEFAULT_WRITERS);

        public Ingest {
            validated("ingest", () -> IngestConfig.of(IngestConfig.DEFAULT_BROKER_URL, IngestConfig.DEFAULT_CLIENT_ID)
                    .withBatching(batchSize, batchDelay, queueCapacity).withWriters(writers));
        }
    }

    /**
     * District-wide rule thresholds (ISO-8601 durations) and how the rule engine runs; validated by
     * {@link RuleThresholds} and {@link RuleSettings}, whose defaults these are.
     */
    public record Rules(Duration noWaterWindow, Duration noWaterWindowExtreme, double noWaterMinLiters,
                        Duration continuousFlow, double continuousFlowMinLpm, double highUseLiters,
                        Duration meterReportInterval, Duration buttonHeartbeat, int lowBatteryPercent,
                        Duration meterAlarmQuiet, double routineSensitivity, Duration routineFloor, Duration tick,
                        Duration recoveryLookback, Duration contextRefresh) {
        static final Rules DEFAULTS = of(RuleSettings.DEFAULTS);

        public Rules {
            validated("rules", () -> settings(noWaterWindow, noWaterWindowExtreme, noWaterMinLiters, continuousFlow,
                    continuousFlowMinLpm, highUseLiters, meterReportInterval, buttonHeartbeat, lowBatteryPercent,
                    meterAlarmQuiet, routineSensitivity, routineFloor, tick, recoveryLookback, contextRefresh));
        }

        public RuleSettings options() {
            return settings(noWaterWindow, noWaterWindowExtreme, noWaterMinLiters, continuousFlow, continuousFlowMinLpm,
                    highUseLiters, meterReportInterval, buttonHeartbeat, lowBatteryPercent, meterAlarmQuiet,
                    routineSensitivity, routineFloor, tick, recoveryLookback, contextRefresh);
        }

        static Rules of(RuleSettings s) {
            RuleThresholds t = s.defaults();
            return new Rules(t.noWaterWindow(), t.noWaterWindowExtreme(), t.noWaterMinLiters(), t.continuousFlow(),
                    t.continuousFlowMinLpm(), t.highUseLiters(), t.meterReportInterval(), t.buttonHeartbeat(),
                    t.lowBatteryPercent(), t.meterAlarmQuiet(), t.routineSensitivity(), t.routineFloor(), s.tick(),
                    s.recoveryLookback(), s.contextRefresh());
        }

        private static RuleSettings settings(Duration noWaterWindow, Duration noWaterWindowExtreme, double noWaterMinLiters,
                                             Duration continuousFlow, double continuousFlowMinLpm, double highUseLiters,
                                             Duration meterReportInterval, Duration buttonHeartbeat,
                                             int lowBatteryPercent, Duration meterAlarmQuiet, double routineSensitivity,
                                             Duration routineFloor, Duration tick, Duration recoveryLookback,
                                             Duration contextRefresh) {
            return new RuleSettings(new RuleThresholds(noWaterWindow, noWaterWindowExtreme, noWaterMinLiters,
                    continuousFlow, continuousFlowMinLpm, highUseLiters, meterReportInterval, buttonHeartbeat,
                    lowBatteryPercent, meterAlarmQuiet, routineSensitivity, routineFloor), tick, recoveryLookback,
                    contextRefresh);
        }
    }

    /**
     * Where the staff console listens; validated by {@link ConsoleConfig}. {@code trustedProxies} is written
     * comma-separated, as an environment variable can carry it.
     */
    public record Console(String host, int port, boolean secureCookies, Duration sessionIdle, Duration sessionMaxAge,
                          String adminUser, String adminPassword, String trustedProxies) {
        static final Console DEFAULTS = of(ConsoleConfig.defaults());

        public Console {
            validated("console", () -> options(host, port, secureCookies, sessionIdle, sessionMaxAge, adminUser,
                    adminPassword, trustedProxies));
        }

        public ConsoleConfig options() {
            return options(host, port, secureCookies, sessionIdle, sessionMaxAge, adminUser, adminPassword,
                    trustedProxies);
        }

        static Console of(ConsoleConfig c) {
            return new Console(c.host(), c.port(), c.secureCookies(), c.sessionIdle(), c.sessionMaxAge(), "", "",
                    String.join(",", c.trustedProxies()));
        }

        private static ConsoleConfig options(String host, int port, boolean secureCookies, Duration sessionIdle,
                                             Duration sessionMaxAge, String adminUser, String adminPassword,
                                             String trustedProxies) {
            Set<String> proxies = trustedProxies == null ? Set.of() : Arrays.stream(trustedProxies.split(","))
                    .map(String::strip).filter(p -> !p.isEmpty()).collect(Collectors.toSet());
            return new ConsoleConfig(host, port, secureCookies, sessionIdle, sessionMaxAge, blankToNull(adminUser),
                    blankToNull(adminPassword), proxies);
        }

        @Override
        public String toString() {
            return "Console[host=" + host + ", port=" + port + ", adminUser=" + adminUser + ", adminPassword=***"
                    + ", trustedProxies=" + trustedProxies + "]";
        }
    }

    /**
     * The Twilio account pages go out through. Checked by {@link TwilioConfig} when the platform starts, not
     * when the file is read: {@code migrate}, {@code roster} and {@code devices} need no account.
     */
    public record Twilio(String accountSid, String authToken, String fromNumber, String apiBaseUrl) {
        static final Twilio DEFAULTS = new Twilio("", "", "", TwilioConfig.DEFAULT_API_BASE_URL);

        public TwilioConfig options() {
            return TwilioConfig.of(accountSid, authToken, fromNumber).withApiBaseUrl(apiBaseUrl);
        }

        @Override
        public String toString() {
            return "Twilio[accountSid=" + accountSid + ", authToken=***, fromNumber=***, apiBaseUrl=" + apiBaseUrl + "]";
        }
    }

    /**
     * Alibaba Cloud, the domestic paging provider for mainland numbers (issue 13), off unless {@code enabled}: the
     * account ({@code accessKeySecret} is a secret, hidden from {@link #toString()}), the approved SMS signature, the
     * purchased caller number, the endpoints (the real ones by default), the file of approved template codes
     * ({@code templatesFile}, README: Mainland China), how pages are routed ({@code routing}: by-number, aliyun,
     * twilio) and the receipt push endpoint's secret path token and optional source allowlist (comma-separated).
     * Checked when the platform starts.
     */
    public record Aliyun(boolean enabled, String accessKeyId, String accessKeySecret, String signName,
                         String callerNumber, String smsEndpoint, String voiceEndpoint, String templatesFile,
                         String routing, String receiptToken, String receiptAllowedSources) {
        static final Aliyun DEFAULTS = new Aliyun(false, "", "", "", "",
                org.shouwang.notifier.channel.aliyun.AliyunConfig.DEFAULT_SMS_ENDPOINT,
                org.shouwang.notifier.channel.aliyun.AliyunConfig.DEFAULT_VOICE_ENDPOINT, "", "by-number", "", "");

        /** The account, or null when the domestic provider is off. */
        public org.shouwang.notifier.channel.aliyun.AliyunConfig options() {
            if (!enabled) {
                return null;
            }
            return new org.shouwang.notifier.channel.aliyun.AliyunConfig(accessKeyId, accessKeySecret, signName,
                    callerNumber == null || callerNumber.isBlank() ? null : callerNumber, smsEndpoint, voiceEndpoint,
                    null, 0, null);
        }

        public org.shouwang.notifier.ProviderRouting.Mode mode() {
            return org.shouwang.notifier.ProviderRouting.Mode.parse(routing);
        }

        /** The source addresses receipts may come from; empty: any. */
        public java.util.Set<String> allowedSources() {
            if (receiptAllowedSources == null || receiptAllowedSources.isBlank()) {
                return java.util.Set.of();
            }
            return java.util.Arrays.stream(receiptAllowedSources.split(",")).map(String::strip)
                    .filter(a -> !a.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }

        @Override
        public String toString() {
            return "Aliyun[enabled=" + enabled + ", accessKeyId=" + accessKeyId + ", accessKeySecret=***, signName="
                    + signName + ", smsEndpoint=" + smsEndpoint + ", voiceEndpoint=" + voiceEndpoint + ", templatesFile="
                    + templatesFile + ", routing=" + routing + ", receiptToken=***]";
        }
    }

    /**
     * Where the management listener ({@code GET /metrics}, Prometheus text format) listens: loopback by default,
     * for the Prometheus server alone; port 0 picks a free one. The listener is the composition root's own part.
     */
    public record Management(String host, int port) {
        static final Management DEFAULTS = new Management("127.0.0.1", 8090);

        public Management {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("management: host is required");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("management: port must be 0-65535, was " + port);
            }
        }
    }

    /**
     * The routine-care rounds (issue 11): when duty reminders and the morning digest go out (Asia/Shanghai), the
     * window in which no care SMS is sent, how often the round runs; validated by {@link CareConfig}.
     */
    public record Care(boolean enabled, String reminderAt, String digestAt, String quietFrom, String quietTo,
                       Duration tick) {
        static final Care DEFAULTS = new Care(true, CareConfig.DEFAULT_REMINDER_AT, CareConfig.DEFAULT_DIGEST_AT,
                QuietHours.DEFAULT.from().toString(), QuietHours.DEFAULT.to().toString(), CareConfig.DEFAULT_TICK);

        public Care {
            validated("care", () -> options(enabled, reminderAt, digestAt, quietFrom, quietTo, tick));
        }

        public CareConfig options() {
            return options(enabled, reminderAt, digestAt, quietFrom, quietTo, tick);
        }

        private static CareConfig options(boolean enabled, String reminderAt, String digestAt, String quietFrom,
                                          String quietTo, Duration tick) {
            try {
                return new CareConfig(enabled, LocalTime.parse(reminderAt), LocalTime.parse(digestAt),
                        new QuietHours(LocalTime.parse(quietFrom), LocalTime.parse(quietTo), ResidentId.ZONE), tick,
                        CareConfig.DEFAULT_RETRY);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("times are HH:MM (e.g. 09:00): " + e.getParsedString());
            }
        }
    }

    /**
     * The carrier-platform push listener (issue 14, README: Carrier platforms), off unless {@code enabled}: where it
     * listens, OneNET's token and optional safe-mode AES key, CTWing's secret path segment and optional source
     * allowlist (comma-separated), the body limit; validated by {@link CarrierConfig}. Secrets are hidden from
     * {@link #toString()}.
     */
    public record Carrier(boolean enabled, String host, int port, String onenetToken, String onenetAesKey,
                          String ctwingSecret, String ctwingAllowedSources, int maxBodyBytes) {
        static final Carrier DEFAULTS = new Carrier(false, CarrierConfig.DEFAULT_HOST, CarrierConfig.DEFAULT_PORT, "",
                "", "", "", CarrierConfig.DEFAULT_MAX_BODY_BYTES);

        public Carrier {
            validated("carrier", () -> options(host, port, onenetToken, onenetAesKey, ctwingSecret,
                    ctwingAllowedSources, maxBodyBytes));
        }

        /** The listener's options; null when the listener is off. */
        public CarrierConfig options() {
            return enabled ? options(host, port, onenetToken, onenetAesKey, ctwingSecret, ctwingAllowedSources,
                    maxBodyBytes) : null;
        }

        private static CarrierConfig options(String host, int port, String onenetToken, String onenetAesKey,
                                             String ctwingSecret, String ctwingAllowedSources, int maxBodyBytes) {
            Set<String> sources = ctwingAllowedSources == null ? Set.of() : Arrays.stream(ctwingAllowedSources
                    .split(",")).map(String::strip).filter(a -> !a.isEmpty()).collect(Collectors.toSet());
            return new CarrierConfig(host, port, onenetToken, onenetAesKey, ctwingSecret, sources, maxBodyBytes,
                    CarrierConfig.DEFAULT_DECODE_BATCH, CarrierConfig.DEFAULT_POLL_EVERY);
        }

        @Override
        public String toString() {
            return "Carrier[enabled=" + enabled + ", host=" + host + ", port=" + port + ", onenetToken=***,"
                    + " onenetAesKey=***, ctwingSecret=***, ctwingAllowedSources=" + ctwingAllowedSources
                    + ", maxBodyBytes=" + maxBodyBytes + "]";
        }
    }

}
