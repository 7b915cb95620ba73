package org.shouwang.care;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.shouwang.db.Account;
import org.shouwang.db.AccountRole;
import org.shouwang.db.AuditEntry;
import org.shouwang.db.AuditStore;
import org.shouwang.db.CareStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Elder;
import org.shouwang.model.care.CareKind;
import org.shouwang.model.care.CareRecord;
import org.shouwang.model.care.NeedCategory;
import org.shouwang.model.care.NewCareRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes care records, whoever makes them: staff in the console, care-team members answering a reminder by SMS,
 * and the resolution of an incident by a visit. Checks what a record may say (not in the future, not older than
 * {@link #BACKDATE_LIMIT}, a kind staff may choose), writes each request once, and audits every record written.
 * Scope is the caller's to check. Blocking: worker threads only.
 */
public final class CareRecords {

    /** Phones' clocks run a little ahead; a contact "in the future" by more than this is refused. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    /** A contact may be written up afterwards, for up to a month (the service record card is kept monthly). */
    public static final Duration BACKDATE_LIMIT = Duration.ofDays(31);
    public static final int CONTENT_LIMIT = 500;
    static final String AUDIT_ACTION = "CARE_RECORD";

    private static final Logger LOG = LoggerFactory.getLogger(CareRecords.class);

    /**
     * What staff enter for one contact. {@code clientKey} is the form's own key (the same key twice writes one
     * record); {@code at} null means now; {@code contactId} names the care-team member who served, null when the
     * signed-in person did.
     */
    public record Entry(String clientKey, CareKind kind, Instant at, String content, List<NeedCategory> needs,
                        String needsNote, boolean followUp, Long contactId) {
        public Entry {
            needs = needs == null ? List.of() : List.copyOf(needs);
        }
    }

    /** A record refused for what it says; the message is for the person who entered it (Chinese). */
    public static final class Refused extends IllegalArgumentException {
        public Refused(String message) {
            super(message);
        }
    }

    private final CareStore store;
    private final RegistryStore registry;
    private final AuditStore audit;
    private final Clock clock;

    public CareRecords(CareStore store, RegistryStore registry, AuditStore audit, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.audit = audit;
        this.clock = clock;
    }

    /** The role a staff account's own contact counts for. */
    public static ContactRole roleOf(AccountRole role) {
        return role == AccountRole.COMMUNITY_WORKER ? ContactRole.COMMUNITY_WORKER : ContactRole.STREET_OFFICE;
    }

    /** Records a contact entered by a signed-in person for {@code elder} (already checked to be in their scope). */
    public CareStore.Written byStaff(Account account, Elder elder, Entry e) {
        Objects.requireNonNull(e.kind(), "kind");
        if (e.kind() == CareKind.SMS_REPORT) {
            throw new Refused("联系方式只能是上门、电话或其他");
        }
        Instant now = clock.instant();
        Instant at = e.at() == null ? now : e.at();
        if (at.isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw new Refused("联系时间不能晚于现在");
        }
        if (at.isBefore(now.minus(BACKDATE_LIMIT))) {
            throw new Refused("只能补记31天内的联系");
        }
        if (e.content() != null && e.content().length() > CONTENT_LIMIT) {
            throw new Refused("服务内容不能超过" + CONTENT_LIMIT + "字");
        }
        if (e.needsNote() != null && e.needsNote().length() > CONTENT_LIMIT) {
            throw new Refused("需求说明不能超过" + CONTENT_LIMIT + "字");
        }
        ContactRole role = roleOf(account.role());
        String carer = account.displayName();
        if (e.contactId() != null) {
            CareContact member = registry.contacts(elder.id()).stream().filter(c -> c.id() == e.contactId())
                    .findFirst().orElseThrow(() -> new Refused("该老人的照护团队中没有这位联系人"));
            role = member.role();
            carer = member.name();
        }
        String key = e.clientKey() != null && !e.clientKey().isBlank()
                ? "staff:" + account.id() + ":" + e.clientKey().strip()
                // Without a key, the same person, elder, kind and minute is one contact: a double tap, not two.
                : "staff:" + account.id() + ":" + elder.id() + ":" + e.contactId() + ":" + e.kind() + ":"
                        + at.truncatedTo(ChronoUnit.MINUTES).getEpochSecond();
        CareStore.Written w = store.write(new NewCareRecord(key, elder.id(), role, account.id(), e.contactId(), carer,
                e.kind(), at, blankToNull(e.content()), e.needs(), blankToNull(e.needsNote()), e.followUp(), null,
                account.displayName()));
        audited(w, account.id(), account.displayName(), "console");
        return w;
    }

    /**
     * Records a contact a care-team member reported by answering a reminder SMS; {@code messageSid} is the
     * provider's id of the reply, so a replayed reply writes nothing.
     */
    public CareStore.Written bySms(CareContact member, long elderId, String messageSid, Instant at) {
        CareStore.Written w = store.write(new NewCareRecord("sms:" + messageSid, elderId, member.role(), null,
                member.id(), member.name(), CareKind.SMS_REPORT, at, "短信回复确认已探访或致电", List.of(), null, false,
                null, member.name()));
        audited(w, null, member.name(), "sms");
        return w;
    }

    /** An incident closed by a visit counts as a contact of the person who closed it (once per incident). */
    public CareStore.Written incidentVisit(Account resolver, long elderId, long incidentId, String incidentCode,
                                           Instant at) {
        CareStore.Written w = store.write(new NewCareRecord("incident:" + incidentId, elderId,
                roleOf(resolver.role()), resolver.id(), null, resolver.displayName(), CareKind.VISIT, at,
                "处置报警事件 " + incidentCode + " 时上门确认", List.of(), null, false, incidentId,
                resolver.displayName()));
        audited(w, resolver.id(), resolver.displayName(), "incident");
        return w;
    }

    private void audited(CareStore.Written w, Long accountId, String actor, String via) {
        CareRecord r = w.record();
        if (!w.created()) {
            LOG.debug("care record repeated, nothing written [record: {}, via: {}]", r.id(), via);
            return;
        }
        audit.record(AuditEntry.of(accountId, actor, AUDIT_ACTION, "care_record", String.valueOf(r.id()), r.elderId(),
                r.kind().label() + "（" + r.role().label() + "，" + via + "）"));
        LOG.info("care record written [record: {}, elder: {}, role: {}, kind: {}, via: {}]", r.id(), r.elderId(),
                r.role(), r.kind(), via);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
