package org.shouwang.notifier;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Alibaba Cloud pushes back about the pages it carried (issue 13): SMS delivery reports (SmsReport), SMS replies
 * (SmsUp) and voice call results with the key pressed in an IVR call (VoiceReport's {@code dtmf}). Each push is a
 * JSON array of such records; Alibaba signs none of them, so a record counts only when it names a page the platform
 * sent through that provider: the page's id comes back in {@code out_id} (set when the page was placed) and must
 * carry exactly the provider's id ({@code biz_id}, {@code call_id}). Records older than {@link #STALE} are ignored,
 * and a replay changes nothing (delivery reports only move forward, a key press acknowledges once, a reply is
 * claimed once by its {@code sequence_id}). A key press or a reply acknowledges; an answered call alone never does.
 *
 * <p>Why push: it arrives within seconds, which a page waiting to escalate needs; the pull alternative (MNS queue or
 * the query APIs) needs the account's credentials on a poll loop and adds its interval to every acknowledgement.
 */
public final class AliyunReceipts {

    /** Older reports are ignored: a late or replayed push must not move an old case. */
    public static final Duration STALE = Duration.ofHours(48);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Logger LOG = LoggerFactory.getLogger(AliyunReceipts.class);

    /** How many records of a push were applied and how many ignored; the answers to send back to SMS replies. */
    public record Result(int applied, int ignored, List<Answer> answers) {
    }

    /** An SMS to send back to whoever replied (the confirmation "已确认由您接手…"), with its template if it has one. */
    public record Answer(String toE164, String text, PageTemplate template) {
    }

    private final TwilioReplies replies;
    private final NotifierStores stores;
    private final Clock clock;

    AliyunReceipts(TwilioReplies replies, NotifierStores stores, Clock clock) {
        this.replies = replies;
        this.stores = stores;
        this.clock = clock;
    }

    /** SmsReport records: {@code biz_id}, {@code out_id}, {@code success}, {@code report_time}. */
    public Result smsReports(JsonArray records) {
        int applied = 0;
        int ignored = 0;
        for (JsonObject r : objects(records)) {
            Optional<Notification> page = page(r.getString("out_id"), r.getString("biz_id"), NotificationChannel.SMS);
            if (page.isEmpty() || stale(r.getString("report_time"))) {
                ignored++;
                continue;
            }
            boolean delivered = Boolean.TRUE.equals(r.getValue("success")) || "true".equals(r.getValue("success"));
            replies.status(page.get().id(), NotificationChannel.SMS, page.get().providerSid(),
                    delivered ? "delivered" : "undelivered");
            applied++;
        }
        return new Result(applied, ignored, List.of());
    }

    /**
     * VoiceReport records: {@code call_id}, {@code out_id}, {@code status_code}, {@code dtmf}, {@code end_time}. A key
     * acknowledges as a Twilio key press does; the call's outcome goes on the page as answered or not.
     */
    public Result voiceReports(JsonArray records) {
        int applied = 0;
        int ignored = 0;
        for (JsonObject r : objects(records)) {
            Optional<Notification> page = page(r.getString("out_id"), r.getString("call_id"), NotificationChannel.VOICE);
            String at = r.getString("end_time") != null ? r.getString("end_time") : r.getString("start_time");
            if (page.isEmpty() || stale(at)) {
                ignored++;
                continue;
            }
            String dtmf = r.getString("dtmf");
            if (dtmf != null && !dtmf.isBlank()) {
                replies.keyPressed(page.get().id(), page.get().providerSid(), dtmf);
            }
            replies.status(page.get().id(), NotificationChannel.VOICE, page.get().providerSid(),
                    answered(r.getString("status_code")) ? "completed" : "no-answer");
            applied++;
        }
        return new Result(applied, ignored, List.of());
    }

    /** SmsUp records: {@code phone_number}, {@code content}, {@code sequence_id}, {@code send_time}. */
    public Result smsUps(JsonArray records) {
        int applied = 0;
        int ignored = 0;
        List<Answer> answers = new ArrayList<>();
        for (JsonObject r : objects(records)) {
            Object sequence = r.getValue("sequence_id");
            String from = r.getString("phone_number");
            if (sequence == null || from == null || stale(r.getString("send_time"))) {
                ignored++;
                continue;
            }
            String e164 = PhoneNumbers.toE164(from);
            Optional<TwilioReplies.Answer> answer = replies.smsReplyText("aliyun-up:" + sequence, e164,
                    r.getString("content"));
            if (answer.isEmpty()) {
                ignored++;
                continue;
            }
            answers.add(new Answer(e164, answer.get().text(), answer.get().template()));
            applied++;
        }
        return new Result(applied, ignored, answers);
    }

    /** The page {@code outId} names, if it went out on {@code channel} under exactly {@code providerId}. */
    private Optional<Notification> page(String outId, String providerId, NotificationChannel channel) {
        long id;
        try {
            id = Long.parseLong(outId == null ? "" : outId.strip());
        } catch (NumberFormatException e) {
            LOG.warn("receipt without a page id ignored [channel: {}]", channel);
            return Optional.empty();
        }
        Optional<Notification> page = stores.outbox().find(id)
                .filter(n -> n.channel() == channel)
                .filter(n -> providerId != null && providerId.equals(n.providerSid()));
        if (page.isEmpty()) {
            LOG.warn("receipt for a page the platform did not send this way ignored [notification: {}, channel: {}]", id,
                    channel);
        }
        return page;
    }

    /** Alibaba's local time "2026-12-03 10:00:00"; a time that cannot be read counts as stale. */
    private boolean stale(String localTime) {
        if (localTime == null || localTime.isBlank()) {
            return false;
        }
        try {
            Instant at = LocalDateTime.parse(localTime.strip(), TIME).atZone(ZONE).toInstant();
            return at.isBefore(clock.instant().minus(STALE));
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    /** VoiceReport's status codes: 200000 the callee heard the message, 200010 the call completed. */
    private static boolean answered(String statusCode) {
        return "200000".equals(statusCode) || "200010".equals(statusCode);
    }

    private static List<JsonObject> objects(JsonArray records) {
        List<JsonObject> out = new ArrayList<>();
        if (records != null) {
            for (Object o : records) {
                if (o instanceof JsonObject j) {
                    out.add(j);
                }
            }
        }
        return out;
    }
}
