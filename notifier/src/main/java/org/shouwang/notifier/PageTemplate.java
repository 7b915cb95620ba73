package org.shouwang.notifier;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a template provider needs to send a page: its {@link MessageType} and the facts to fill the
 * template's variables with (the same facts the finished {@link Page#body()} was written from). Stored with
 * the page in the outbox, so a retry or a restart sends the same message.
 */
public record PageTemplate(MessageType type, Map<String, String> facts) {

    public PageTemplate {
        Objects.requireNonNull(type, "type");
        facts = Map.copyOf(new TreeMap<>(Objects.requireNonNull(facts, "facts")));
        for (String name : facts.keySet()) {
            if (!type.samples().containsKey(name)) {
                throw new IllegalArgumentException("a " + type + " message carries no fact '" + name + "'; it carries "
                        + type.facts());
            }
        }
    }

    public static PageTemplate of(MessageType type, Map<String, String> facts) {
        return new PageTemplate(type, facts);
    }

    /** The fact, or the empty string when the page has none by that name (an elder without age on record). */
    public String fact(String name) {
        return facts.getOrDefault(name, "");
    }

    /** Names and types only: facts hold names and addresses. */
    @Override
    public String toString() {
        return "PageTemplate[type=" + type + ", facts=" + facts.keySet() + "]";
    }
}
