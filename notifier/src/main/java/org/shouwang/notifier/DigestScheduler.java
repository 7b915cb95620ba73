package org.shouwang.notifier;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.shouwang.db.EscalationMaintenanceItem;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.NotificationDraft;
import org.shouwang.db.NotificationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the daily {@link MaintenanceDigest} to the maintenance desk by SMS: from {@link DigestConfig#at()}
 * on, the first {@link #tick()} of a day writes one outbox page per recipient under the key
 * {@code digest:<day>:<phone>}, so a second tick, a restart or another instance the same day adds nothing,
 * and the outbox sends it like any page (retries included). Driven by the injected clock; blocking.
 */
public final class DigestScheduler {

    /** The audience of digest pages: not a care-team role, so replies to them acknowledge nothing. */
    static final String AUDIENCE = "MAINTENANCE_DESK";
    private static final Logger LOG = LoggerFactory.getLogger(DigestScheduler.class);

    private final MaintenanceDigest digest;
    private final NotificationStore outbox;
    private final DigestConfig config;
    private final Clock clock;
    /** The last day this instance handled; only saves queries, the keys are what prevent a second send. */
    private volatile LocalDate handled;

    DigestScheduler(MaintenanceDigest digest, NotificationStore outbox, DigestConfig config, Clock clock) {
        this.digest = Objects.requireNonNull(digest, "digest");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** True for an outbox row that is a digest, not a page about its incident. */
    static boolean isDigest(Notification n) {
        return AUDIENCE.equals(n.audience());
    }

    /**
     * Writes today's digest pages to the outbox once today's digest time has come; returns how many were
     * new (0 before the time, on later ticks, and when another instance wrote them already).
     */
    public int tick() {
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(MaintenanceDigest.ZONE);
        LocalDate today = local.toLocalDate();
        if (today.equals(handled) || local.toLocalTime().isBefore(config.at())) {
            return 0;
        }
        int written = write(today, digest.list(), now);
        // Only once written: a failed write (database away) is tried again next tick, and the keys keep it single.
        handled = today;
        return written;
    }

    private int write(LocalDate day, List<EscalationMaintenanceItem> items, Instant now) {
        if (items.isEmpty()) {
            LOG.info("maintenance digest has nothing to report [day: {}]", day);
            return 0;
        }
        if (!config.texted()) {
            LOG.info("maintenance digest not texted, no recipients configured [day: {}, items: {}]", day,
                    items.size());
            return 0;
        }
        // The outbox wants an incident for every row: the digest hangs on the oldest one it lists.
        EscalationMaintenanceItem anchor = items.stream()
                .min(Comparator.comparing(EscalationMaintenanceItem::openedAt)
                        .thenComparing(EscalationMaintenanceItem::incidentId))
                .orElseThrow();
        String text = MaintenanceDigest.sms(items, day, now);
        int written = 0;
        for (String phone : config.recipients()) {
            var e = outbox.enqueue(new NotificationDraft(key(day, phone), anchor.incidentId(), null,
                    NotificationChannel.SMS, phone, text, null, null, AUDIENCE));
            written += e.inserted() ? 1 : 0;
        }
        LOG.info("maintenance digest written [day: {}, items: {}, recipients: {}, new pages: {}]", day, items.size(),
                config.recipients().size(), written);
        return written;
    }

    /** One digest per day and recipient, however many ticks, restarts and instances. */
    static String key(LocalDate day, String phone) {
        return "digest:" + day + ":" + phone;
    }
}
