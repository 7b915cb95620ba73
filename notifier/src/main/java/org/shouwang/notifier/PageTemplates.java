package org.shouwang.notifier;

import java.util.HashMap;
import java.util.Map;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.Incident;
import org.shouwang.model.Json;
import org.shouwang.model.Rule;
import org.shouwang.notifier.MessageType.PageFacts;

/**
 * The template form of the pages {@link SmsText} and {@link VoiceText} write: the same facts in the same
 * wording, as a {@link PageTemplate} a template provider fills its registered text with. Stored with the page
 * in the outbox as JSON ({@link #toJson}, {@link #fromJson}).
 */
public final class PageTemplates {

    private PageTemplates() {
    }

    /** The message type of a page about this incident. */
    public static MessageType typeOf(Incident incident) {
        if (incident.rule() == Rule.BUTTON_PRESSED) {
            return MessageType.CRITICAL;
        }
        if (incident.rule() == Rule.CONTACT_OVERDUE) {
            return MessageType.CARE_OVERDUE;
        }
        return switch (incident.severity()) {
            case CRITICAL -> MessageType.CRITICAL;
            case HIGH -> MessageType.HIGH;
            case MEDIUM -> MessageType.MEDIUM;
            case TECHNICAL -> MessageType.TECHNICAL;
        };
    }

    /** The page to a care contact, in the channel's wording (a call reads the code one character at a time). */
    public static PageTemplate page(Incident incident, Elder elder, ElderProfile profile, NotificationChannel channel) {
        boolean voice = channel == NotificationChannel.VOICE;
        Map<String, String> facts = new HashMap<>();
        facts.put(PageFacts.NAME, elder.name());
        String aboutThem = SmsText.facts(profile);
        if (!aboutThem.isEmpty()) {
            facts.put(PageFacts.PROFILE, aboutThem);
        }
        facts.put(PageFacts.PLACE, SmsText.place(elder));
        facts.put(PageFacts.EVENT, voice ? VoiceText.what(incident.rule()) : SmsText.what(incident.rule()));
        facts.put(PageFacts.CODE, voice ? VoiceText.spelled(incident.code()) : incident.code());
        return PageTemplate.of(typeOf(incident), facts);
    }

    /** The page about a press while the database is down: who and where, no incident code yet. */
    public static PageTemplate outage(Elder elder, ElderProfile profile) {
        Map<String, String> facts = new HashMap<>();
        facts.put(PageFacts.NAME, elder.name());
        String aboutThem = SmsText.facts(profile);
        if (!aboutThem.isEmpty()) {
            facts.put(PageFacts.PROFILE, aboutThem);
        }
        facts.put(PageFacts.PLACE, SmsText.place(elder));
        return PageTemplate.of(MessageType.OUTAGE_CRITICAL, facts);
    }

    /** The SMS that the elder pressed again, to the one who took the case and the first round. */
    public static PageTemplate pressedAgain(Incident incident, Elder elder, ElderProfile profile, String takenBy) {
        Map<String, String> facts = new HashMap<>(page(incident, elder, profile, NotificationChannel.SMS).facts());
        facts.put(PageFacts.TAKER, takenBy);
        return PageTemplate.of(MessageType.PRESSED_AGAIN, facts);
    }

    /** The well-check to the elder themself. */
    public static PageTemplate wellCheck(Incident incident, Elder elder, NotificationChannel channel) {
        String reason = channel == NotificationChannel.VOICE ? VoiceText.reason(incident.rule())
                : SmsText.why(incident.rule());
        return PageTemplate.of(MessageType.WELL_CHECK, Map.of(PageFacts.NAME, elder.name(), PageFacts.REASON, reason));
    }

    /** The JSON stored in the outbox's {@code template} column. */
    public static String toJson(PageTemplate template) {
        return template == null ? null : Json.write(template);
    }

    /**
     * The template a stored page carries; {@code null} for none, or for a type this version does not know (a
     * newer version wrote it): a template provider then refuses the page and the escalation moves on.
     */
    public static PageTemplate fromJson(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return Json.read(json, PageTemplate.class);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
