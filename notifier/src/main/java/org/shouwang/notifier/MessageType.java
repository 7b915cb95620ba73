package org.shouwang.notifier;

import java.util.List;
import java.util.Map;

/**
 * The kinds of message the platform sends, each with the facts it carries. Providers that send only
 * pre-approved templates (Alibaba Cloud) register one template per type and fill its variables from these
 * facts; Twilio sends the finished text ({@link Page#body()}) instead.
 *
 * <p>Each fact has a realistic longest value ({@link #samples()}): templates are checked against them at
 * start-up, so a layout a provider would refuse (a variable over its length limit) is found before a page.
 */
public enum MessageType {
    /** The page to a care contact about a button press (or any critical incident). */
    CRITICAL(PageFacts.SAMPLES),
    /** The page about a high-severity incident (no water, water not stopping, routine broken). */
    HIGH(PageFacts.SAMPLES),
    /** The page about a medium-severity incident (unusually high use). */
    MEDIUM(PageFacts.SAMPLES),
    /** The page about a device incident (silent, battery, meter alarm) when a plan pages for it. */
    TECHNICAL(PageFacts.SAMPLES),
    /** The page about a care duty overdue for two days (关爱提醒). */
    CARE_OVERDUE(PageFacts.SAMPLES),
    /**
     * The first round's page about a button press while the database is down ({@code OutagePager}): no incident
     * code yet, so nothing to reply with; the code follows once the database is back.
     */
    OUTAGE_CRITICAL(Map.of(PageFacts.NAME, "欧阳秀英", PageFacts.PROFILE, "86岁，重点老人，",
            PageFacts.PLACE, "平江街道大儒巷12号3幢2单元502室")),
    /** The SMS to the one who took the case, and the first round, that the elder pressed again (再次求助). */
    PRESSED_AGAIN(PageFacts.PRESSED_AGAIN_SAMPLES),
    /** The well-check to the elder themself: 1 if well, 2 for help. */
    WELL_CHECK(Map.of(PageFacts.NAME, "欧阳秀英", PageFacts.REASON, "我们发现您家中今天到现在还没有像平时一样用水")),
    /** The answer to the one who took the case (SMS reply or key 1). */
    ACK_CONFIRMATION(Map.of(PageFacts.CODE, "SW0001234")),
    /** The answer to the elder who says they are well. */
    ELDER_WELL(Map.of()),
    /** The answer to the elder who asks for help. */
    ELDER_HELP(Map.of()),
    /** The care duty reminder: what is due, and the code to reply with once done. */
    DUTY_REMINDER(Map.of(PageFacts.TASK, "极端天气，今日请探访或致电欧阳秀英2次", PageFacts.REPLY, "12"));

    private final Map<String, String> samples;

    MessageType(Map<String, String> samples) {
        this.samples = samples;
    }

    /** The facts a message of this type carries, each with a realistic longest value. */
    public Map<String, String> samples() {
        return samples;
    }

    /** The names of the facts a message of this type carries. */
    public List<String> facts() {
        return samples.keySet().stream().sorted().toList();
    }

    /** The fact names pages and answers use, one place for all. */
    public static final class PageFacts {
        /** The elder's name: 王阿婆. */
        public static final String NAME = "name";
        /** Age and key-elder status with their separators, or empty: 86岁，重点老人，. */
        public static final String PROFILE = "profile";
        /** Street and address as people know it: 平江街道大儒巷12号. */
        public static final String PLACE = "place";
        /** What happened, in the channel's wording: 按下一键呼叫 (SMS), 按下了一键呼叫 (voice). */
        public static final String EVENT = "event";
        /** The incident code: SW00001 (SMS), S W 0 0 0 0 1 (voice, read one by one). */
        public static final String CODE = "code";
        /** Why the elder is called, in the channel's wording. */
        public static final String REASON = "reason";
        /** Who took the case, role and name: 家属联系人 王小明. */
        public static final String TAKER = "taker";
        /** A duty reminder's task: 今日请探访或致电王秀英. */
        public static final String TASK = "task";
        /** A duty reminder's reply code. */
        public static final String REPLY = "reply";

        static final Map<String, String> SAMPLES = Map.of(NAME, "欧阳秀英", PROFILE, "86岁，重点老人，",
                PLACE, "平江街道大儒巷12号3幢2单元502室", EVENT, "连续两天未完成每日探访或电话联系", CODE, "S W 0 0 0 1 2 3 4");

        static final Map<String, String> PRESSED_AGAIN_SAMPLES = with(SAMPLES, TAKER, "街道应急队 平江街道应急小分队");

        private static Map<String, String> with(Map<String, String> base, String name, String sample) {
            Map<String, String> m = new java.util.HashMap<>(base);
            m.put(name, sample);
            return Map.copyOf(m);
        }

        private PageFacts() {
        }
    }
}
