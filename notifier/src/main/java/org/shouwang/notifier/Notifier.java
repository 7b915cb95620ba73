package org.shouwang.notifier;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.shouwang.db.NotificationChannel;

/**
 * The notifier's parts, wired once: stores, channels, the {@link IncidentService}, the
 * {@link IncidentCommands} the console and phone replies share, the {@link IncidentChanges} they
 * announce to, and the verticles to deploy. An acknowledgement or resolution, from wherever it comes,
 * stops that incident's escalation before the command returns.
 */
public final class Notifier {

    private final IncidentService service;
    private final IncidentCommands commands;
    private final IncidentChanges changes;
    private final MaintenanceDigest maintenance;

    private Notifier(IncidentService service, IncidentCommands commands, IncidentChanges changes,
                     MaintenanceDigest maintenance) {
        this.service = service;
        this.commands = commands;
        this.changes = changes;
        this.maintenance = maintenance;
    }

    /** The notifier with Twilio SMS and voice, reporting delivery to the webhooks. */
    public static Notifier create(DataSource ds, TwilioConfig twilio, WebhookConfig webhooks, EscalationPlans plans,
                                  RetryPolicy retry, Clock clock) {
        Map<NotificationChannel, Channel> channels = new EnumMap<>(NotificationChannel.class);
        channels.put(NotificationChannel.SMS, new TwilioSmsChannel(twilio, webhooks));
        channels.put(NotificationChannel.VOICE, new TwilioVoiceChannel(twilio, webhooks));
        return create(NotifierStores.of(ds), channels, plans, retry, clock);
    }

    /** The notifier with the given channels (a domestic provider, or a test's). */
    public static Notifier create(NotifierStores stores, Map<NotificationChannel, Channel> channels,
                                  EscalationPlans plans, RetryPolicy retry, Clock clock) {
        IncidentChanges changes = new IncidentChanges();
        IncidentService service = new IncidentService(stores, channels, Objects.requireNonNull(plans, "plans"),
                retry, clock, changes);
        changes.subscribe(service::incidentChanged);
        IncidentCommands commands = new IncidentCommands(stores.incidents(), clock, changes);
        return new Notifier(service, commands, changes, new MaintenanceDigest(stores.escalations(), clock));
    }

    public IncidentService service() {
        return service;
    }

    /** What the console calls to acknowledge and resolve; stops the escalation too. */
    public IncidentCommands commands() {
        return commands;
    }

    public IncidentChanges changes() {
        return changes;
    }

    /** The technical incidents for maintenance staff, and their daily digest. */
    public MaintenanceDigest maintenance() {
        return maintenance;
    }

    /** Alerts, cleared conditions and the escalation clock on the event bus; {@code tick} as {@link NotifierVerticle}. */
    public NotifierVerticle verticle(Duration tick) {
        return new NotifierVerticle(service, changes, NotifierVerticle.DEFAULT_WORKER_POOL_SIZE, tick);
    }

    /** Twilio's webhooks: key presses, SMS replies, delivery reports; {@code authToken} checks their signatures. */
    public TwilioWebhookVerticle webhookVerticle(WebhookConfig webhooks, String authToken) {
        return new TwilioWebhookVerticle(webhooks, authToken, new TwilioReplies(service, commands));
    }
}
