package org.shouwang.care;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.shouwang.db.CareMessage;
import org.shouwang.db.CareMessageStore;
import org.shouwang.db.CareStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.CareContact;
import org.shouwang.model.Elder;
import org.shouwang.model.ResidentId;
import org.shouwang.notifier.SmsReplyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reminder's reply by SMS ("0", or "01", "02" … when the recipient has several open reminders) recorded as the
 * contact it reports ({@link CareRecords#bySms}, kind SMS_REPORT): the number's open reminder with that code is
 * the duty it answers. A code from a number with no open reminder, or one that matches none, gets an answer saying
 * so and changes nothing; a second reply through the same reminder the same day records nothing more. The
 * notifier's webhook hands over each MessageSid once (a replay never gets here), and the record's key is the
 * MessageSid besides. Blocking: the webhook's worker pool.
 */
public final class CareReplies implements SmsReplyHandler {

    /** "0", or a two-digit code: what a reminder asks for. Full-width digits are read as digits. */
    private static final Pattern CODE = Pattern.compile("0|\\d{2}");
    private static final Logger LOG = LoggerFactory.getLogger(CareReplies.class);

    private final CareMessageStore messages;
    private final RegistryStore registry;
    private final CareRecords records;
    private final Clock clock;

    public CareReplies(CareMessageStore messages, RegistryStore registry, CareRecords records, Clock clock) {
        this.messages = messages;
        this.registry = registry;
        this.records = records;
        this.clock = clock;
    }

    @Override
    public Optional<String> reply(String fromE164, String text, String messageSid) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(ResidentId.ZONE).toLocalDate();
        String code = normalise(text);
        List<CareMessage> open = messages.openReminders(fromE164, today);
        if (!CODE.matcher(code).matches()) {
            // "1" and "2" are the incident replies: their "not understood" answer is the notifier's to give.
            return open.isEmpty() || "1".equals(code) || "2".equals(code) ? Optional.empty()
                    : Optional.of(CareTexts.hint(names(open)));
        }
        if (open.isEmpty()) {
            LOG.info("care reply from a number without open reminders, nothing recorded [code: {}]", code);
            return Optional.of(CareTexts.noOpenReminder());
        }
        Optional<CareMessage> match = open.stream().filter(m -> code.equals(m.replyCode())).findFirst();
        if (match.isEmpty() && "0".equals(code) && open.size() == 1) {
            match = Optional.of(open.get(0));
        }
        if (match.isEmpty()) {
            LOG.info("care reply matches no open reminder, nothing recorded [code: {}, open: {}]", code, open.size());
            return Optional.of(CareTexts.unmatched(code, names(open)));
        }
        return Optional.of(record(match.get(), messageSid, now, today));
    }

    private String record(CareMessage m, String messageSid, Instant now, LocalDate today) {
        String elderName = registry.findElder(m.elderId()).map(Elder::name).orElse("老人");
        if (m.answeredAt() != null && m.answeredAt().atZone(ResidentId.ZONE).toLocalDate().equals(today)) {
            LOG.info("care reply repeated the same day, nothing recorded [message: {}, elder: {}]", m.id(),
                    m.elderId());
            return CareTexts.alreadyRecorded(elderName);
        }
        Optional<CareContact> member = registry.contacts(m.elderId()).stream()
                .filter(c -> m.contactId() != null && c.id() == m.contactId()).findFirst();
        if (member.isEmpty()) {
            LOG.info("care reply for a contact no longer in the care team [message: {}, elder: {}]", m.id(),
                    m.elderId());
            return CareTexts.contactChanged();
        }
        CareStore.Written w = records.bySms(member.get(), m.elderId(), messageSid, now);
        messages.answered(m.id(), messageSid, now);
        LOG.info("care reply recorded [message: {}, elder: {}, record: {}, new: {}]", m.id(), m.elderId(),
                w.record().id(), w.created());
        return CareTexts.recorded(elderName);
    }

    /** The open reminders' codes with their elders' names, for an answer that lists them. */
    private Map<String, String> names(List<CareMessage> open) {
        Map<String, String> out = new LinkedHashMap<>();
        for (CareMessage m : open) {
            out.putIfAbsent(m.replyCode(), registry.findElder(m.elderId()).map(Elder::name).orElse("老人"));
        }
        return out;
    }

    /** Full-width digits (０-９, as Chinese keyboards type them) as ASCII, blanks removed. */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp >= '０' && cp <= '９') {
                b.append((char) ('0' + (cp - '０')));
            } else if (!Character.isWhitespace(cp) && cp != '\u3000') {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
