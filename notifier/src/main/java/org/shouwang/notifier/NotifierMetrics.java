package org.shouwang.notifier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.IncidentChange;

/**
 * The notifier's meters in the registry the composition root gives: {@code shouwang.pages} (each attempt to
 * hand a page to a provider, by channel and outcome), {@code shouwang.page.latency} (alert raised → provider
 * accepted, first-round pages), {@code shouwang.texts} (each attempt to hand a plain text, a care reminder or
 * digest, to the provider, by outcome), {@code shouwang.webhook.rejections} by reason and
 * {@code shouwang.rounds.unreached}.
 */
public final class NotifierMetrics {

    /** The provider took the page. */
    public static final String SENT = "sent";
    /** Certainly not sent (5xx, throttled, no connection); tried again while the deadline allows. */
    public static final String FAILED = "failed";
    /** Refused for good (invalid number, bad credentials): the next person is paged. */
    public static final String REJECTED = "rejected";
    /** Sent, but no answer in time: the person may have been reached. */
    public static final String UNCERTAIN = "uncertain";
    static final String MISSING_SIGNATURE = "missing_signature";
    static final String INVALID_SIGNATURE = "invalid_signature";
    static final String BAD_REQUEST = "bad_request";

    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter unreached;

    public NotifierMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.latency = Timer.builder("shouwang.page.latency")
                .description("From the alert to the provider accepting a first-round page")
                .publishPercentileHistogram().register(registry);
        this.unreached = Counter.builder("shouwang.rounds.unreached")
                .description("Escalation rounds in which every page failed: nobody was reached").register(registry);
        for (NotificationChannel channel : NotificationChannel.values()) {
            for (String outcome : new String[] {SENT, FAILED, REJECTED, UNCERTAIN}) {
                pages(channel, outcome);
            }
        }
        for (String outcome : new String[] {SENT, FAILED, REJECTED, UNCERTAIN}) {
            texts(outcome);
        }
        for (String reason : new String[] {MISSING_SIGNATURE, INVALID_SIGNATURE, BAD_REQUEST}) {
            rejections(reason);
        }
    }

    /** Meters nobody scrapes (tests, a notifier built without a registry). */
    public static NotifierMetrics none() {
        return new NotifierMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** One attempt to hand a page to its provider, with one of {@link #SENT}, {@link #FAILED}, ... */
    void pageAttempt(NotificationChannel channel, String outcome) {
        pages(channel, outcome).increment();
    }

    /** One attempt to hand a plain text ({@link TextMessages}) to its provider, with one of {@link #SENT}, ... */
    void textAttempt(String outcome) {
        texts(outcome).increment();
    }

    private Counter texts(String outcome) {
        return Counter.builder("shouwang.texts").tag("outcome", outcome)
                .description("Attempts to hand a plain text (care reminder, digest) to the provider, by outcome")
                .register(registry);
    }

    /** The outcome of an attempt that threw {@code e}. */
    static String outcome(ChannelException e) {
        return switch (e.kind()) {
            case PERMANENT -> REJECTED;
            case RETRIABLE -> FAILED;
            case UNCERTAIN -> UNCERTAIN;
        };
    }

    private Counter pages(NotificationChannel channel, String outcome) {
        return Counter.builder("shouwang.pages").tag("channel", channel.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome).description("Attempts to hand a page to its provider, by channel and outcome")
                .register(registry);
    }

    /** A first-round page accepted {@code sinceAlert} after the alert that opened its incident. */
    void pageLatency(Duration sinceAlert) {
        if (!sinceAlert.isNegative()) {
            latency.record(sinceAlert);
        }
    }

    /** A webhook request refused ({@code missing_signature}, {@code invalid_signature}, {@code bad_request}). */
    void webhookRejected(String reason) {
        rejections(reason).increment();
    }

    private Counter rejections(String reason) {
        return Counter.builder("shouwang.webhook.rejections").tag("reason", reason)
                .description("Twilio webhook requests refused, by reason").register(registry);
    }

    /** Counts the rounds the escalator flags as having reached nobody (the change it announces for them). */
    void onChange(IncidentChange change) {
        if (Escalator.UNREACHED_CHANGE.equals(change.what())) {
            unreached.increment();
        }
    }
}
