package org.shouwang.model;

import java.util.Optional;
import java.util.regex.Pattern;

/** The v1 MQTT topic layout: {@code shouwang/v1/{deviceId}/{telemetry|event|status}}. */
public final class Topics {

    public static final String ROOT = "shouwang/v1";
    /** Device ids are short, printable and free of MQTT wildcards and separators. */
    public static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    /** The kind of message a topic carries. */
    public enum Channel {
        TELEMETRY("telemetry"), EVENT("event"), STATUS("status");

        private final String segment;

        Channel(String segment) {
            this.segment = segment;
        }

        public String segment() {
            return segment;
        }
    }

    /** A parsed topic: which device, which channel. */
    public record Address(String deviceId, Channel channel) {
    }

    private Topics() {
    }

    public static String of(String deviceId, Channel channel) {
        return ROOT + "/" + deviceId + "/" + channel.segment();
    }

    /** Subscription filter for one channel of every device. */
    public static String filter(Channel channel) {
        return ROOT + "/+/" + channel.segment();
    }

    /** Parses a concrete topic; empty when it is not a v1 device topic. */
    public static Optional<Address> parse(String topic) {
        if (topic == null || !topic.startsWith(ROOT + "/")) {
            return Optional.empty();
        }
        String[] rest = topic.substring(ROOT.length() + 1).split("/", -1);
        if (rest.length != 2 || !DEVICE_ID.matcher(rest[0]).matches()) {
            return Optional.empty();
        }
        for (Channel c : Channel.values()) {
            if (c.segment().equals(rest[1])) {
                return Optional.of(new Address(rest[0], c));
            }
        }
        return Optional.empty();
    }
}
