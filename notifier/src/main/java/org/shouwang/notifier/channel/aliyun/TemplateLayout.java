package org.shouwang.notifier.channel.aliyun;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shouwang.notifier.MessageType;
import org.shouwang.notifier.PageTemplate;

/**
 * One registered template: the provider's code for it and how each of its variables is laid out from the
 * message's facts, e.g. {@code details: "{profile}{place}"}. A layout may hold fixed text beside the facts;
 * {@link #check(MessageType, String)} refuses what the provider would (Alibaba: a notification variable holds
 * 1-35 characters and no link).
 *
 * @param code      the template code the provider gave when it approved the template ({@code SMS_…}, {@code TTS_…})
 * @param variables the template's variable names, each with its layout, in the template's order
 */
public record TemplateLayout(String code, Map<String, String> variables) {

    /** Alibaba's limit for a variable of a notification template, in characters. */
    public static final int MAX_VARIABLE_LENGTH = 35;
    /** What a variable says when its facts are all missing: an empty variable is refused by the provider. */
    static final String NOT_RECORDED = "未登记";

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");
    private static final Pattern FACT = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern LINK = Pattern.compile(
            "(?i)(https?://|www\\.|[a-z0-9-]+\\.(com|cn|net|org|top|xyz|io|cc)(\\b|/))");

    public TemplateLayout {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("template code must be the provider's code (letters, digits, _), was "
                    + code);
        }
        variables = variables == null ? Map.of() : new LinkedHashMap<>(variables);
        for (var v : variables.entrySet()) {
            if (!NAME.matcher(v.getKey()).matches()) {
                throw new IllegalArgumentException("template " + code + ": variable name '" + v.getKey()
                        + "' is not a name (letters, digits, _)");
            }
            if (v.getValue() == null || v.getValue().isBlank()) {
                throw new IllegalArgumentException("template " + code + ": variable '" + v.getKey() + "' has no layout");
            }
        }
        variables = java.util.Collections.unmodifiableMap(variables);
    }

    /** The same template under another code (a site's own registration of a default layout). */
    TemplateLayout withCode(String otherCode) {
        return new TemplateLayout(otherCode, variables);
    }

    /**
     * Refuses a layout this message type cannot fill or the provider would refuse: a fact the type does not
     * carry, a link, or a variable outside 1-{@value #MAX_VARIABLE_LENGTH} characters once filled with the
     * type's realistic longest facts.
     *
     * @param where the layout's place in the configuration, for the message
     */
    void check(MessageType type, String where) {
        for (var v : variables.entrySet()) {
            String at = where + ".variables." + v.getKey();
            Matcher m = FACT.matcher(v.getValue());
            while (m.find()) {
                if (!type.samples().containsKey(m.group(1))) {
                    throw new IllegalArgumentException(at + ": unknown fact {" + m.group(1) + "}; a " + type
                            + " message carries " + type.facts());
                }
            }
            if (LINK.matcher(v.getValue()).find()) {
                throw new IllegalArgumentException(at + ": a template variable may hold no link");
            }
            String filled = layOut(v.getValue(), type.samples()::get);
            int length = filled.codePointCount(0, filled.length());
            if (length < 1 || length > MAX_VARIABLE_LENGTH) {
                throw new IllegalArgumentException(at + ": holds " + length + " characters with realistic facts (\""
                        + filled + "\"); the provider takes 1-" + MAX_VARIABLE_LENGTH);
            }
        }
    }

    /**
     * The variables filled from a page's facts. A value past the provider's limit (an unusually long address)
     * is cut to it: a shortened address still sends, a refused template would not.
     */
    public Map<String, String> fill(PageTemplate page) {
        Map<String, String> filled = new LinkedHashMap<>();
        variables.forEach((name, layout) -> {
            String value = LINK.matcher(layOut(layout, page::fact)).replaceAll("").strip();
            if (value.isEmpty()) {
                value = NOT_RECORDED;
            }
            if (value.codePointCount(0, value.length()) > MAX_VARIABLE_LENGTH) {
                value = value.substring(0, value.offsetByCodePoints(0, MAX_VARIABLE_LENGTH));
            }
            filled.put(name, value);
        });
        return filled;
    }

    private static String layOut(String layout, java.util.function.Function<String, String> facts) {
        Matcher m = FACT.matcher(layout);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = facts.apply(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(b);
        return b.toString();
    }

    @Override
    public String toString() {
        return "TemplateLayout[code=" + code + ", variables=" + variables.keySet() + "]";
    }

    static TemplateLayout of(String code, String... nameLayoutPairs) {
        Map<String, String> v = new LinkedHashMap<>();
        for (int i = 0; i < nameLayoutPairs.length; i += 2) {
            v.put(nameLayoutPairs[i], nameLayoutPairs[i + 1]);
        }
        return new TemplateLayout(Objects.requireNonNull(code), v);
    }
}
