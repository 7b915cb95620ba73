package org.shouwang.notifier;

import java.time.Clock;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.NotificationChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the notifier's entries on incident timelines, in Chinese, naming people by role and name and
 * never by number. The kinds are what the console filters and colours on.
 */
final class Timeline {

    static final String ACTOR = "system";

    static final String ESCALATION_STARTED = "ESCALATION_STARTED";
    static final String ESCALATION_STEP = "ESCALATION_STEP";
    static final String ESCALATION_DEFERRED = "ESCALATION_DEFERRED";
    static final String ESCALATION_ADVANCED = "ESCALATION_ADVANCED";
    static final String ESCALATION_STOPPED = "ESCALATION_STOPPED";
    static final String NOT_PAGED = "NOT_PAGED";
    static final String PAGE_SENT = "PAGE_SENT";
    static final String PAGE_FAILED = "PAGE_FAILED";
    /** The provider did not answer in time: the page may or may not have gone out. */
    static final String PAGE_UNCERTAIN = "PAGE_UNCERTAIN";
    static final String PAGE_SKIPPED = "PAGE_SKIPPED";
    static final String PAGE_CANCELLED = "PAGE_CANCELLED";
    static final String PAGE_FALLBACK = "PAGE_FALLBACK";
    static final String PAGE_STATUS = "PAGE_STATUS";
    static final String UNREACHED = "UNREACHED";
    static final String WELL_CHECK_UNANSWERED = "WELL_CHECK_UNANSWERED";
    static final String ELDER_ASKED_HELP = "ELDER_ASKED_HELP";
    static final String ELDER_CONFIRMED_WELL = "ELDER_CONFIRMED_WELL";
    static final String CONDITION_CLEARED = "CONDITION_CLEARED";
    static final String REPLY_UNMATCHED = "REPLY_UNMATCHED";
    /** The elder pressed again while the incident was taken but not closed: who was texted. */
    static final String PRESSED_AGAIN = "PRESSED_AGAIN";
    /** A page sent from memory while the database was down, taken into the outbox once it was back. */
    static final String PAGED_DURING_OUTAGE = "PAGED_DURING_OUTAGE";

    private static final Logger LOG = LoggerFactory.getLogger(Timeline.class);

    private final IncidentStore incidents;
    private final Clock clock;

    Timeline(IncidentStore incidents, Clock clock) {
        this.incidents = incidents;
        this.clock = clock;
    }

    void note(long incidentId, String kind, String detail) {
        incidents.addTimeline(incidentId, clock.instant(), kind, ACTOR, detail);
    }

    /**
     * As {@link #note}, for bookkeeping after a page already went out: a database hiccup here must not
     * stop the other pages, and the outbox row still tells the truth.
     */
    void noteQuietly(long incidentId, String kind, String detail) {
        try {
            note(incidentId, kind, detail);
        } catch (RuntimeException e) {
            LOG.error("timeline entry not written [incident: {}, kind: {}]", incidentId, kind, e);
        }
    }

    static String channel(NotificationChannel channel) {
        return channel == NotificationChannel.VOICE ? "电话" : "短信";
    }
}
