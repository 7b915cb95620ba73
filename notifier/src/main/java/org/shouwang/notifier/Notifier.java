package org.shouwang.notifier;

import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.shouwang.db.NotificationChannel;

/**
 * The notifier's parts, wired once: stores, channels, the {@link IncidentService}, the
 * {@link IncidentCommands} the console and phone replies share, the {@link IncidentChanges} they
 * announce to, and the verticles to deploy. An acknowledgement or resolution, from wherever it comes,
 * stops that incident's escalation before the command returns.
 */
public final class Notifier {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Notifier.class);

    private final IncidentService service;
    private final IncidentCommands commands;
    private final IncidentChanges changes;
    private final MaintenanceDigest maintenance;
    private final DigestScheduler digest;
    private final OutagePager outage;
    private final NotifierMetrics metrics;
    private final List<ProviderHealth> providers;
    private final TextMessages texts;
    private final ProviderDirectory directory;

    private Notifier(IncidentService service, IncidentCommands commands, IncidentChanges changes,
                     MaintenanceDigest maintenance, DigestScheduler digest, OutagePager outage, NotifierMetrics metrics,
                     List<ProviderHealth> providers, TextMessages texts, ProviderDirectory directory) {
        this.texts = texts;
        this.directory = directory;
        this.outage = outage;
        this.metrics = metrics;
        this.providers = List.copyOf(providers);
        this.service = service;
        this.commands = commands;
        this.changes = changes;
        this.maintenance = maintenance;
        this.digest = digest;
    }

    /** The notifier with Twilio SMS and voice, reporting delivery to the webhooks; the digest is not texted. */
    public static Notifier create(NotifierStores stores, TwilioConfig twilio, WebhookConfig webhooks,
                                  EscalationPlans plans, RetryPolicy retry, Clock clock) {
        return create(stores, twilio, webhooks, plans, retry, DigestConfig.none(), clock);
    }

    /** As above, texting the daily maintenance digest as {@code digest} says. */
    public static Notifier create(NotifierStores stores, TwilioConfig twilio, WebhookConfig webhooks,
                                  EscalationPlans plans, RetryPolicy retry, DigestConfig digest, Clock clock) {
        return create(stores, twilio, webhooks, plans, retry, digest, null, clock);
    }

    /**
     * As above; with {@code outageJournal} (a local file) a button press is paged from memory while the database
     * is down ({@link OutagePager}); null pages only through the database.
     */
    public static Notifier create(NotifierStores stores, TwilioConfig twilio, WebhookConfig webhooks,
                                  EscalationPlans plans, RetryPolicy retry, DigestConfig digest, Path outageJournal,
                                  Clock clock) {
        return create(stores, twilio, webhooks, plans, retry, digest, outageJournal, clock, NotifierMetrics.none());
    }

    /** As above, counting into {@code metrics}, with Twilio watched as a provider ({@link #providers()}). */
    public static Notifier create(NotifierStores stores, TwilioConfig twilio, WebhookConfig webhooks,
                                  EscalationPlans plans, RetryPolicy retry, DigestConfig digest, Path outageJournal,
                                  Clock clock, NotifierMetrics metrics) {
        ProviderHealth provider = new ProviderHealth("twilio", clock, metrics.registry());
        Map<NotificationChannel, Channel> channels = new EnumMap<>(NotificationChannel.class);
        TwilioSmsChannel sms = new TwilioSmsChannel(twilio, webhooks);
        channels.put(NotificationChannel.SMS, sms);
        channels.put(NotificationChannel.VOICE, new TwilioVoiceChannel(twilio, webhooks));
        return build(stores, MeteredChannel.wrap(channels, metrics, provider), new MeteredTexts(sms, metrics, provider),
                plans, retry, digest, outageJournal == null ? null : OutageJournal.open(outageJournal), clock, metrics,
                List.of(provider), ProviderRouting::twilioLabel);
    }

    /**
     * As above, paging through Alibaba Cloud as well when {@code aliyun} is given (issue 13): each channel routed by
     * number ({@link ProviderRouting}, {@code routing}), both providers watched ({@link #providers()}), and the plans
     * knowing Alibaba's per-number caps ({@link ChannelCaps#ALIYUN}) unless the plans file names others.
     */
    public static Notifier create(NotifierStores stores, TwilioConfig twilio, WebhookConfig webhooks,
                                  org.shouwang.notifier.channel.aliyun.AliyunConfig aliyun,
                                  org.shouwang.notifier.channel.aliyun.AliyunTemplates templates,
                                  ProviderRouting.Mode routing, EscalationPlans plans, RetryPolicy retry,
                                  DigestConfig digest, Path outageJournal, Clock clock, NotifierMetrics metrics) {
        if (aliyun == null) {
            return create(stores, twilio, webhooks, plans, retry, digest, outageJournal, clock, metrics);
        }
        ProviderHealth twilioHealth = new ProviderHealth("twilio", clock, metrics.registry());
        ProviderHealth aliyunHealth = new ProviderHealth("aliyun", clock, metrics.registry());
        TwilioSmsChannel twilioSms = new TwilioSmsChannel(twilio, webhooks);
        Map<NotificationChannel, Channel> viaTwilio = new EnumMap<>(NotificationChannel.class);
        viaTwilio.put(NotificationChannel.SMS, twilioSms);
        viaTwilio.put(NotificationChannel.VOICE, new TwilioVoiceChannel(twilio, webhooks));
        Map<NotificationChannel, Channel> viaAliyun = new EnumMap<>(NotificationChannel.class);
        org.shouwang.notifier.channel.aliyun.AliyunSmsChannel aliyunSms =
                new org.shouwang.notifier.channel.aliyun.AliyunSmsChannel(aliyun, templates);
        org.shouwang.notifier.channel.aliyun.AliyunVoiceChannel aliyunVoice =
                new org.shouwang.notifier.channel.aliyun.AliyunVoiceChannel(aliyun, templates);
        viaAliyun.put(NotificationChannel.SMS, aliyunSms);
        viaAliyun.put(NotificationChannel.VOICE, aliyunVoice);
        // Each provider's health from its own channels; page attempts are counted once, around the routing (build).
        Map<NotificationChannel, Channel> twilioWatched = MeteredChannel.wrap(viaTwilio, NotifierMetrics.none(),
                twilioHealth);
        Map<NotificationChannel, Channel> aliyunWatched = MeteredChannel.wrap(viaAliyun, NotifierMetrics.none(),
                aliyunHealth);
        Map<NotificationChannel, Channel> routed = new EnumMap<>(NotificationChannel.class);
        for (NotificationChannel c : NotificationChannel.values()) {
            if (twilioWatched.containsKey(c) && aliyunWatched.containsKey(c)) {
                java.util.function.Predicate<Page> sends = c == NotificationChannel.SMS
                        ? page -> page.template() != null && aliyunSms.sends(page.template().type())
                        : page -> page.template() != null && aliyunVoice.places(page.template().type());
                routed.put(c, new ProviderRouting(c, aliyunWatched.get(c), twilioWatched.get(c), routing, sends));
            }
        }
        EscalationPlans capped = plans.caps().caps().isEmpty() ? plans.withCaps(ChannelCaps.ALIYUN) : plans;
        TextMessages texts = new MeteredTexts(new RoutedTexts(
                new MeteredTexts(aliyunSms, NotifierMetrics.none(), aliyunHealth), aliyunSms::sends,
                new MeteredTexts(twilioSms, NotifierMetrics.none(), twilioHealth), routing), metrics, null);
        return build(stores, routed, texts, capped, retry, digest,
                outageJournal == null ? null : OutageJournal.open(outageJournal), clock, metrics,
                List.of(twilioHealth, aliyunHealth), recipient -> ProviderRouting.label(routing, recipient));
    }

    /** The notifier with the given channels (a domestic provider, or a test's); the digest is not texted. */
    public static Notifier create(NotifierStores stores, Map<NotificationChannel, Channel> channels,
                                  EscalationPlans plans, RetryPolicy retry, Clock clock) {
        return create(stores, channels, plans, retry, DigestConfig.none(), clock);
    }

    /** As above, texting the daily maintenance digest through the SMS channel as {@code digest} says. */
    public static Notifier create(NotifierStores stores, Map<NotificationChannel, Channel> channels,
                                  EscalationPlans plans, RetryPolicy retry, DigestConfig digest, Clock clock) {
        return create(stores, channels, plans, retry, digest, null, clock);
    }

    /** As above, paging presses from memory while the database is down when {@code journal} is given. */
    public static Notifier create(NotifierStores stores, Map<NotificationChannel, Channel> channels,
                                  EscalationPlans plans, RetryPolicy retry, DigestConfig digest, OutageJournal journal,
                                  Clock clock) {
        return create(stores, channels, plans, retry, digest, journal, clock, NotifierMetrics.none(), List.of());
    }

    /**
     * As above, counting every page attempt, the page latency, webhook refusals and unreached rounds into
     * {@code metrics}; {@code providers} are the {@link ProviderHealth}s the channels report to (for readiness).
     * Plain texts ({@link #texts()}) go through the SMS channel when it can send them ({@link TextMessages}, as
     * {@link TwilioSmsChannel} does); otherwise every text is refused.
     */
    public static Notifier create(NotifierStores stores, Map<NotificationChannel, Channel> channels,
                                  EscalationPlans plans, RetryPolicy retry, DigestConfig digest, OutageJournal journal,
                                  Clock clock, NotifierMetrics metrics, List<ProviderHealth> providers) {
        TextMessages texts = channels.get(NotificationChannel.SMS) instanceof TextMessages t
                ? new MeteredTexts(t, metrics, null) : TextMessages.unavailable();
        return build(stores, channels, texts, plans, retry, digest, journal, clock, metrics, providers,
                ProviderDirectory.unknown());
    }

    private static Notifier build(NotifierStores stores, Map<NotificationChannel, Channel> channels, TextMessages texts,
                                  EscalationPlans plans, RetryPolicy retry, DigestConfig digest, OutageJournal journal,
                                  Clock clock, NotifierMetrics metrics, List<ProviderHealth> providers,
                                  ProviderDirectory directory) {
        Objects.requireNonNull(plans, "plans");
        IncidentChanges changes = new IncidentChanges();
        Map<NotificationChannel, Channel> metered = MeteredChannel.wrap(channels, metrics, null);
        Timeline timeline = new Timeline(stores.incidents(), clock);
        Escalator escalator = new Escalator(stores.escalations(), stores.incidents(), stores.registry(),
                stores.outbox(), plans, clock, timeline, new RoundPages(stores.outbox(), stores.registry(), timeline,
                clock, plans.caps()), changes);
        OutboxSender sender = new OutboxSender(stores.outbox(), stores.incidents(), stores.registry(), metered, retry,
                clock, timeline, escalator, journal, metrics);
        PressAgain pressAgain = new PressAgain(stores.incidents(), stores.outbox(), stores.registry(), plans,
                timeline, clock);
        IncidentService service = new IncidentService(stores, plans, clock, changes, timeline, escalator, sender,
                pressAgain);
        OutagePager outage = journal == null ? null
                : new OutagePager(stores.registry()::buttonProfiles, plans, metered, journal, clock);
        changes.subscribe(service::incidentChanged);
        changes.subscribe(metrics::onChange);
        IncidentCommands commands = new IncidentCommands(stores.incidents(), clock, changes);
        MaintenanceDigest maintenance = new MaintenanceDigest(stores.escalations(), clock);
        return new Notifier(service, commands, changes, maintenance,
                new DigestScheduler(maintenance, stores.outbox(), Objects.requireNonNull(digest, "digest"), clock),
                outage, metrics, providers, texts, directory);
    }

    /** Which provider reaches a number, as the console shows it beside each contact. */
    public ProviderDirectory directory() {
        return directory;
    }

    /**
     * Plain SMS that are not an incident's page (care reminders and digests), through the same provider and
     * number as the SMS pages, counted in {@code shouwang.texts}. The caller keeps its own outbox.
     */
    public TextMessages texts() {
        return texts;
    }

    /** The paging providers the channels report to, each with its {@link ProviderHealth#problem()}. */
    public List<ProviderHealth> providers() {
        return providers;
    }

    /** Pages presses while the database is down; null when no outage journal was configured. */
    public OutagePager outagePager() {
        return outage;
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

    /** When the daily digest is texted; its pages go out with the next {@link IncidentService#tick()}. */
    public DigestScheduler digest() {
        return digest;
    }

    /**
     * Alerts, cleared conditions, the escalation clock and the daily digest on the event bus and timer;
     * {@code tick} as {@link NotifierVerticle}.
     */
    public NotifierVerticle verticle(Duration tick) {
        return new NotifierVerticle(service, changes, NotifierVerticle.DEFAULT_WORKER_POOL_SIZE, tick, digest, outage);
    }

    /** Twilio's webhooks: key presses, SMS replies, delivery reports; {@code authToken} checks their signatures. */
    public TwilioWebhookVerticle webhookVerticle(WebhookConfig webhooks, String authToken) {
        return webhookVerticle(webhooks, authToken, List.of());
    }

    /**
     * As above; an SMS that is no reply to an incident's page goes to {@code replyHandlers} in order (the care
     * module's reminder replies), after the replay check, before the "not understood" answer.
     */
    public TwilioWebhookVerticle webhookVerticle(WebhookConfig webhooks, String authToken,
                                                 List<SmsReplyHandler> replyHandlers) {
        return new TwilioWebhookVerticle(webhooks, authToken, replies(replyHandlers), metrics);
    }

    /** Alibaba Cloud's pushed receipts (delivery, replies, key presses), answered as {@link #replies} answers. */
    public AliyunReceipts aliyunReceipts(List<SmsReplyHandler> replyHandlers) {
        return new AliyunReceipts(replies(replyHandlers), service.stores(), service.clock());
    }

    /**
     * As {@link #webhookVerticle(WebhookConfig, String, List)}, with Alibaba Cloud's receipt pushes on the same
     * listener under {@code /aliyun/{receiptToken}/…} ({@link AliyunReceiptRoutes}); the answer to an SMS reply goes
     * back through {@link #texts()}: by its template through Alibaba Cloud, or as free text through Twilio.
     */
    public TwilioWebhookVerticle webhookVerticle(WebhookConfig webhooks, String authToken,
                                                 List<SmsReplyHandler> replyHandlers, String receiptToken,
                                                 java.util.Set<String> receiptSources) {
        AliyunReceiptRoutes receipts = new AliyunReceiptRoutes(receiptToken, receiptSources,
                aliyunReceipts(replyHandlers), this::answer);
        return new TwilioWebhookVerticle(webhooks, authToken, replies(replyHandlers), metrics, receipts);
    }

    /** Sends the answer to an SMS reply; it is a courtesy, so a failure is logged and counted, not retried. */
    private void answer(AliyunReceipts.Answer answer) {
        try {
            Delivery d = texts.send(answer.toE164(), answer.text(), answer.template());
            LOG.info("sms reply answered [type: {}, via: {}]", answer.template() == null ? "free text"
                    : answer.template().type(), d.provider());
        } catch (ChannelException e) {
            LOG.warn("sms reply answer not sent [type: {}, kind: {}, code: {}]", answer.template() == null
                    ? "free text" : answer.template().type(), e.kind(), e.providerCode());
        }
    }

    /** What the webhooks run on: incident replies first, then {@code replyHandlers}. */
    public TwilioReplies replies(List<SmsReplyHandler> replyHandlers) {
        return new TwilioReplies(service, commands, replyHandlers);
    }
}
