package org.shouwang.notifier;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.NotificationStore;

/**
 * What a paging provider lets one number receive (issue 13), so the escalation never plans a page the provider would
 * refuse. Alibaba Cloud: a call at most once a minute, 5 times an hour and 20 times a day to one number, failed calls
 * included; an SMS notification template at most 50 times a day to one number. The caps apply to the numbers the
 * provider carries (mainland numbers, +86); counted from the outbox, so they hold across restarts and nodes. Pages
 * written count (cancelled ones aside), whether or not they were answered.
 *
 * <p>In the plans file: {@code caps: aliyun} (the preset above) or {@code caps: none} (the default while paging goes
 * through Twilio alone, which caps nothing of this kind).
 */
public record ChannelCaps(String name, List<Cap> caps) {

    /** At most {@code max} pages on {@code channel} to one number within {@code window}. */
    public record Cap(NotificationChannel channel, Duration window, int max) {

        /** How the timeline says it: "语音每小时最多5次". */
        String label() {
            String per = window.equals(Duration.ofMinutes(1)) ? "每分钟" : window.equals(Duration.ofHours(1)) ? "每小时"
                    : window.equals(Duration.ofDays(1)) ? "每天" : "每" + window.toMinutes() + "分钟";
            return (channel == NotificationChannel.VOICE ? "语音" : "短信") + per + "最多" + max + "次";
        }
    }

    public static final ChannelCaps NONE = new ChannelCaps("none", List.of());
    public static final ChannelCaps ALIYUN = new ChannelCaps("aliyun", List.of(
            new Cap(NotificationChannel.VOICE, Duration.ofMinutes(1), 1),
            new Cap(NotificationChannel.VOICE, Duration.ofHours(1), 5),
            new Cap(NotificationChannel.VOICE, Duration.ofDays(1), 20),
            new Cap(NotificationChannel.SMS, Duration.ofDays(1), 50)));

    public ChannelCaps {
        caps = List.copyOf(caps);
    }

    /** {@code aliyun} or {@code none}, as the plans file names them. */
    @JsonCreator
    public static ChannelCaps named(String name) {
        return switch (name == null ? "" : name.strip().toLowerCase(Locale.ROOT)) {
            case "aliyun" -> ALIYUN;
            case "none", "" -> NONE;
            default -> throw new IllegalArgumentException("caps must be aliyun or none, was " + name);
        };
    }

    /**
     * The cap a new page on {@code channel} to {@code e164} at {@code now} would break, if any. Only numbers the
     * capped provider carries count: mainland China (+86).
     */
    Optional<Cap> broken(NotificationStore outbox, NotificationChannel channel, String e164, Instant now) {
        if (caps.isEmpty() || e164 == null || !e164.startsWith("+86")) {
            return Optional.empty();
        }
        for (Cap cap : caps) {
            if (cap.channel() == channel && outbox.countTo(e164, channel, now.minus(cap.window())) >= cap.max()) {
                return Optional.of(cap);
            }
        }
        return Optional.empty();
    }
}
