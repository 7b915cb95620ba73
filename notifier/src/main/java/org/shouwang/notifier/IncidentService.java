package org.shouwang.notifier;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.shouwang.db.AlertRecording;
import org.shouwang.db.DataAccessException;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.NotificationStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.Alert;
import org.shouwang.model.CareContact;
import org.shouwang.model.Elder;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentChange;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns alerts into incidents and pages: joins the alert's device with its elder, records it (open,
 * attach or recognise a repeat), writes the first step's pages to the outbox and sends them. Safe to
 * call from several worker threads at once; blocking, never on an event loop.
 */
public final class IncidentService {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentService.class);

    private final RegistryStore registry;
    private final IncidentStore incidents;
    private final NotificationStore outbox;
    private final PageDispatcher dispatcher;
    private final Clock clock;
    private final Consumer<IncidentChange> onChange;
    private final AtomicLong withoutElder = new AtomicLong();

    /**
     * @param sms      the SMS channel ({@link TwilioSmsChannel})
     * @param onChange told of every incident opened, repeated or paged (usually an {@link IncidentChanges})
     */
    public IncidentService(RegistryStore registry, IncidentStore incidents, NotificationStore outbox, Channel sms,
                           RetryPolicy retry, Clock clock, Consumer<IncidentChange> onChange) {
        this.registry = registry;
        this.incidents = incidents;
        this.outbox = outbox;
        this.clock = clock;
        this.onChange = onChange;
        this.dispatcher = new PageDispatcher(outbox, incidents, Map.of(NotificationChannel.SMS, sms), retry, clock);
    }

    /**
     * Handles one alert; returns what recording it did, or empty when its device belongs to no elder
     * (logged and counted in {@link #alertsWithoutElder()}: such an alert cannot page anyone).
     */
    public Optional<AlertRecording> handle(Alert alert) {
        Optional<Elder> elder = registry.elderOfDevice(alert.deviceId());
        if (elder.isEmpty()) {
            withoutElder.incrementAndGet();
            LOG.warn("alert for a device with no elder, nobody paged [alert: {}, device: {}, rule: {}]",
                    alert.alertId(), alert.deviceId(), alert.rule());
            return Optional.empty();
        }
        AlertRecording recording = record(elder.get().id(), alert);
        Incident incident = recording.incident();
        switch (recording.outcome()) {
            case OPENED -> opened(incident, elder.get());
            case ATTACHED -> {
                LOG.info("alert attached to open incident [incident: {}, alert: {}]", incident.id(), alert.alertId());
                announce(incident, "alert-repeated");
            }
            case DUPLICATE -> LOG.debug("repeated alert ignored [incident: {}, alert: {}]", incident.id(),
                    alert.alertId());
        }
        return Optional.of(recording);
    }

    private AlertRecording record(long elderId, Alert alert) {
        try {
            return incidents.recordAlert(elderId, alert);
        } catch (DataAccessException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            // The same alert raced in on another thread and won; asked again, the store calls it a repeat.
            return incidents.recordAlert(elderId, alert);
        }
    }

    private void opened(Incident incident, Elder elder) {
        LOG.info("incident raised [incident: {}, elder: {}, rule: {}]", incident.id(), elder.id(), incident.rule());
        announce(incident, "opened");
        PagePlan.FirstStep step = PagePlan.firstStep(incident.severity(), registry.contacts(elder.id()));
        for (CareContact c : step.withoutPhone()) {
            note(incident, "PAGE_SKIPPED", "未发送短信：" + PagePlan.who(c) + "（未登记电话）");
        }
        for (CareContact c : step.samePhone()) {
            note(incident, "PAGE_SKIPPED", "未重复发送短信：" + PagePlan.who(c) + "（与已通知的联系人同一号码）");
        }
        if (step.toPage().isEmpty()) {
            notPaged(incident);
            return;
        }
        String body = SmsText.page(incident, elder);
        List<PageDispatcher.Outgoing> pages = new ArrayList<>();
        for (CareContact c : step.toPage()) {
            Notification n = outbox.enqueue(incident.id(), c.id(), NotificationChannel.SMS, c.phone(), body,
                    idempotencyKey(incident.id(), c.id(), 0, NotificationChannel.SMS)).notification();
            pages.add(new PageDispatcher.Outgoing(n, PagePlan.who(c)));
        }
        int sent = dispatcher.dispatch(pages);
        LOG.info("incident paged [incident: {}, pages: {}, sent: {}]", incident.id(), pages.size(), sent);
        announce(incident, "paged");
    }

    private void notPaged(Incident incident) {
        if (incident.severity() == Severity.TECHNICAL) {
            note(incident, "NOT_PAGED", "技术类告警：不向照护人发送短信，请维护人员处理");
            LOG.info("technical incident left to maintenance [incident: {}]", incident.id());
        } else {
            note(incident, "NO_ONE_PAGED", "没有可通知的照护人：请值班人员立即人工联系");
            LOG.warn("incident has nobody to page [incident: {}, elder: {}]", incident.id(), incident.elderId());
        }
    }

    /**
     * Sends the pages a crash left pending (call at start). Pages already sent are not sent again;
     * pages of incidents someone has taken meanwhile are withdrawn. Returns how many went out.
     */
    public int resumePending() {
        Map<Long, List<Notification>> byIncident = new LinkedHashMap<>();
        for (Notification n : outbox.pending()) {
            byIncident.computeIfAbsent(n.incidentId(), id -> new ArrayList<>()).add(n);
        }
        int sent = 0;
        for (Map.Entry<Long, List<Notification>> e : byIncident.entrySet()) {
            Optional<Incident> incident = incidents.find(e.getKey());
            Map<Long, CareContact> contacts = new LinkedHashMap<>();
            incident.ifPresent(i -> registry.contacts(i.elderId()).forEach(c -> contacts.put(c.id(), c)));
            List<PageDispatcher.Outgoing> pages = e.getValue().stream()
                    .map(n -> new PageDispatcher.Outgoing(n, PagePlan.who(n.contactId() == null ? null
                            : contacts.get(n.contactId()))))
                    .toList();
            int n = dispatcher.dispatch(pages);
            sent += n;
            if (n > 0) {
                incident.ifPresent(i -> announce(i, "paged"));
            }
        }
        if (!byIncident.isEmpty()) {
            LOG.info("pending pages resumed [incidents: {}, sent: {}]", byIncident.size(), sent);
        }
        return sent;
    }

    /** Alerts whose device is unknown or belongs to no elder, since start. */
    public long alertsWithoutElder() {
        return withoutElder.get();
    }

    /** One page per incident, contact, escalation step and channel, whatever happens twice. */
    static String idempotencyKey(long incidentId, long contactId, int step, NotificationChannel channel) {
        return incidentId + ":" + contactId + ":step" + step + ":" + channel;
    }

    private void note(Incident incident, String kind, String detail) {
        incidents.addTimeline(incident.id(), clock.instant(), kind, PageDispatcher.ACTOR, detail);
    }

    private void announce(Incident incident, String what) {
        IncidentState state = incident.state();
        onChange.accept(new IncidentChange(incident.id(), incident.elderId(), state, what));
    }
}
