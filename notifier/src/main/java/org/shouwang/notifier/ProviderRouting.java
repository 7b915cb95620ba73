package org.shouwang.notifier;

import java.util.Locale;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel (SMS or voice) across two providers (issue 13): a mainland number (+86, or a bare 11-digit mobile)
 * goes through the domestic provider (Alibaba Cloud), any other through the international one (Twilio); a site may
 * force one ({@link Mode}). When the chosen provider fails in a way that certainly sent nothing (5xx, throttling,
 * no connection: {@link ChannelException.Kind#RETRIABLE}) and the other can reach the number, the page goes
 * through the other at once; the timeline says which provider carried it ({@link Delivery#provider()}). A failure
 * that may have sent the page ({@code UNCERTAIN}) never fails over: that could page twice. Twilio places no calls to
 * mainland China and the domestic provider reaches mainland numbers only, so a mainland call and any page to a
 * foreign number have no second way.
 */
public final class ProviderRouting implements Channel {

    /** Which provider a page goes through. */
    public enum Mode {
        /** Mainland numbers through the domestic provider, others through the international one (the default). */
        BY_NUMBER,
        /** Everything through the domestic provider (it refuses what it cannot reach). */
        DOMESTIC,
        /** Everything through the international provider, as before issue 13. */
        INTERNATIONAL;

        public static Mode parse(String raw) {
            return switch (raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT).replace('-', '_')) {
                case "", "by_number" -> BY_NUMBER;
                case "domestic", "aliyun" -> DOMESTIC;
                case "international", "twilio" -> INTERNATIONAL;
                default -> throw new IllegalArgumentException("paging provider must be by-number, aliyun or twilio, was "
                        + raw);
            };
        }
    }

    public static final String DOMESTIC_NAME = "阿里云";
    public static final String INTERNATIONAL_NAME = "Twilio";
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRouting.class);

    private final NotificationChannel kind;
    private final Channel domestic;
    private final Channel international;
    private final Mode mode;
    private final java.util.function.Predicate<Page> domesticSends;

    public ProviderRouting(NotificationChannel kind, Channel domestic, Channel international, Mode mode) {
        this(kind, domestic, international, mode, page -> true);
    }

    /**
     * @param domesticSends whether the domestic provider can send a page at all (a template is registered for its
     *                      type): one it cannot goes through the international provider where that reaches the
     *                      number (an SMS), rather than be refused for good
     */
    public ProviderRouting(NotificationChannel kind, Channel domestic, Channel international, Mode mode,
                           java.util.function.Predicate<Page> domesticSends) {
        this.kind = kind;
        this.domestic = domestic;
        this.international = international;
        this.mode = mode;
        this.domesticSends = domesticSends;
    }

    /** True for +86 numbers and bare 11-digit mainland mobiles, as staff write them. */
    public static boolean mainland(String recipient) {
        String e164 = PhoneNumbers.toE164(recipient == null ? "" : recipient);
        return e164 != null && e164.startsWith("+86");
    }

    /** Which provider would carry a page to {@code recipient} first ({@link #DOMESTIC_NAME} or the other). */
    public String providerFor(String recipient) {
        return domesticFirst(recipient) ? DOMESTIC_NAME : INTERNATIONAL_NAME;
    }

    /**
     * What the console shows beside a number: the provider {@code mode} sends it through first, and what that
     * cannot do there (Twilio places no calls to mainland China and its SMS there is one-way; Alibaba Cloud
     * reaches mainland numbers only).
     */
    public static String label(Mode mode, String recipient) {
        boolean mainland = mainland(recipient);
        return switch (mode) {
            case BY_NUMBER -> mainland ? DOMESTIC_NAME : INTERNATIONAL_NAME;
            case DOMESTIC -> mainland ? DOMESTIC_NAME : DOMESTIC_NAME + "（不能送达境外号码）";
            case INTERNATIONAL -> twilioLabel(recipient);
        };
    }

    /** As {@link #label}, for a site paging through Twilio alone. */
    public static String twilioLabel(String recipient) {
        return mainland(recipient) ? INTERNATIONAL_NAME + "（境内号码：仅单向短信，不能语音呼叫）" : INTERNATIONAL_NAME;
    }

    @Override
    public Delivery send(Page page) throws ChannelException {
        boolean domesticFirst = domesticFirst(page.recipient());
        if (domesticFirst && !domesticSends.test(page) && otherReaches(true, page.recipient())) {
            LOG.warn("no domestic template for this page, sent through the other provider [notification: {},"
                    + " channel: {}, type: {}]", page.notificationId(), kind,
                    page.template() == null ? "none" : page.template().type());
            return international.send(page).via(INTERNATIONAL_NAME + "（" + DOMESTIC_NAME + "未登记此类模板）");
        }
        Channel first = domesticFirst ? domestic : international;
        try {
            return first.send(page).via(domesticFirst ? DOMESTIC_NAME : INTERNATIONAL_NAME);
        } catch (ChannelException e) {
            if (e.kind() != ChannelException.Kind.RETRIABLE || !otherReaches(domesticFirst, page.recipient())) {
                throw e;
            }
            String to = domesticFirst ? INTERNATIONAL_NAME : DOMESTIC_NAME;
            LOG.warn("provider failed, page failed over [notification: {}, channel: {}, from: {}, to: {}]",
                    page.notificationId(), kind, domesticFirst ? "aliyun" : "twilio", domesticFirst ? "twilio" : "aliyun");
            Channel other = domesticFirst ? international : domestic;
            return other.send(page).via(to + "（" + (domesticFirst ? DOMESTIC_NAME : INTERNATIONAL_NAME) + "失败后切换）");
        }
    }

    private boolean domesticFirst(String recipient) {
        return domesticFirst(mode, recipient);
    }

    /** Whether {@code mode} tries the domestic provider first for {@code recipient}: the one switch for pages and texts. */
    static boolean domesticFirst(Mode mode, String recipient) {
        return switch (mode) {
            case DOMESTIC -> true;
            case INTERNATIONAL -> false;
            case BY_NUMBER -> mainland(recipient);
        };
    }

    /** Whether the provider not tried first can reach this number on this channel. */
    private boolean otherReaches(boolean domesticFirst, String recipient) {
        if (domesticFirst) {
            // Twilio texts mainland numbers (one way) but places no calls there.
            return kind == NotificationChannel.SMS || !mainland(recipient);
        }
        return mainland(recipient);
    }
}
