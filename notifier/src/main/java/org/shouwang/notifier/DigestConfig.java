package org.shouwang.notifier;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.shouwang.model.PhoneNumbers;
import org.shouwang.model.Privacy;

/**
 * When and to whom the daily maintenance digest goes by SMS. Configuration keys (app):
 * {@code escalation.digestAt} ({@link #at}, {@code HH:mm} local time in Asia/Shanghai, default
 * {@value #DEFAULT_AT}) and {@code escalation.digestRecipients} ({@link #recipients}, comma-separated
 * phones of the maintenance desk, default none).
 *
 * @param at         local time (Asia/Shanghai) from which the day's digest is sent
 * @param recipients the maintenance desk's phones, in E.164; empty means the digest is not texted, only
 *                   its count logged (the list stays in the console)
 */
public record DigestConfig(LocalTime at, List<String> recipients) {

    public static final String DEFAULT_AT = "08:00";

    public DigestConfig {
        Objects.requireNonNull(at, "digest time");
        Objects.requireNonNull(recipients, "digest recipients");
        LinkedHashSet<String> phones = new LinkedHashSet<>();
        for (String r : recipients) {
            if (r == null || r.isBlank()) {
                throw new IllegalArgumentException("escalation.digestRecipients has an empty entry");
            }
            String e164 = PhoneNumbers.toE164(r);
            if (!e164.matches("\\+[1-9][0-9]{6,14}")) {
                throw new IllegalArgumentException("escalation.digestRecipients: not a phone number: "
                        + Privacy.maskPhone(r.strip()));
            }
            phones.add(e164);
        }
        // The same desk written twice ("138…" and "+86138…") gets one digest.
        recipients = List.copyOf(phones);
    }

    /** 08:00 and nobody to text: the digest is only counted in the log. */
    public static DigestConfig none() {
        return new DigestConfig(LocalTime.parse(DEFAULT_AT), List.of());
    }

    /**
     * From the configuration's strings: {@code at} as {@code HH:mm} (blank = {@value #DEFAULT_AT}),
     * {@code recipients} comma-separated (blank = none).
     */
    public static DigestConfig of(String at, String recipients) {
        LocalTime time;
        try {
            time = LocalTime.parse(at == null || at.isBlank() ? DEFAULT_AT : at.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("escalation.digestAt must be a time like 08:00, was '" + at + "'", e);
        }
        List<String> phones = recipients == null || recipients.isBlank() ? List.of()
                : Arrays.stream(recipients.split(",", -1)).map(String::strip).toList();
        return new DigestConfig(time, phones);
    }

    /** True when the digest goes to somebody's phone. */
    public boolean texted() {
        return !recipients.isEmpty();
    }

    @Override
    public String toString() {
        return "DigestConfig[at=" + at + ", recipients=" + recipients.size() + "]";
    }
}
