package org.shouwang.notifier;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.NotificationStatus;

/**
 * Twilio's delivery vocabulary, classified: which reports end a page's story, which mean it reached
 * nobody, and how the timeline says them in Chinese. SMS: queued, sending, sent, delivered, undelivered,
 * failed (read). Calls: queued, initiated, ringing, in-progress, completed, busy, no-answer, failed, canceled.
 */
final class DeliveryStatus {

    private static final Set<String> FAILED = Set.of("failed", "undelivered", "no-answer", "busy", "canceled");
    private static final Set<String> REACHED = Set.of("delivered", "read", "in-progress", "completed");
    private static final Set<String> FINAL = Set.of("delivered", "read", "undelivered", "failed", "completed",
            "busy", "no-answer", "canceled");
    private static final Map<String, String> SMS = Map.of("accepted", "已受理", "queued", "已排队", "sending", "发送中",
            "sent", "已发出", "delivered", "已送达", "undelivered", "未送达", "failed", "发送失败", "read", "已读");
    private static final Map<String, String> VOICE = Map.of("queued", "已排队", "initiated", "正在拨打",
            "ringing", "振铃中", "in-progress", "已接通", "completed", "通话结束", "busy", "占线", "no-answer", "无人接听",
            "failed", "呼叫失败", "canceled", "已取消");

    private DeliveryStatus() {
    }

    /** Twilio's spelling, normalised; {@code null} for a missing or unknown status. */
    static String normalise(String status, NotificationChannel channel) {
        if (status == null) {
            return null;
        }
        String s = status.strip().toLowerCase(Locale.ROOT);
        return (channel == NotificationChannel.VOICE ? VOICE : SMS).containsKey(s) ? s : null;
    }

    /** The report says the person was not reached by this page. */
    static boolean failed(String status) {
        return status != null && FAILED.contains(status);
    }

    /** The report says the page reached the person's phone (delivered, answered). */
    static boolean reached(String status) {
        return status != null && REACHED.contains(status);
    }

    /** A later report may replace an earlier one unless the earlier one already ended the story. */
    static boolean mayReplace(String current) {
        return current == null || !FINAL.contains(current);
    }

    /** The page can no longer reach its person: given up by the outbox, or reported undelivered/unanswered. */
    static boolean pageFailed(Notification n) {
        return n.status() == NotificationStatus.FAILED
                || (n.status() == NotificationStatus.SENT && failed(n.deliveryStatus()));
    }

    static String label(NotificationChannel channel, String status) {
        return (channel == NotificationChannel.VOICE ? VOICE : SMS).getOrDefault(status, status);
    }
}
