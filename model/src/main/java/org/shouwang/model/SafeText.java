package org.shouwang.model;

/**
 * Text from outside (a device's payload, a topic) made fit for a log line or a database column. PostgreSQL
 * refuses a NUL in text outright, and a control character in a log line can forge the next one.
 */
public final class SafeText {

    private SafeText() {
    }

    /**
     * True when the text cannot be stored as it is: PostgreSQL refuses U+0000, and a lone UTF-16 surrogate has no
     * UTF-8 form (the driver would store "?", so a message id would no longer match itself).
     */
    public static boolean unstorable(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0' || Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text with every control character shown as {@code \\uXXXX} and cut to {@code max} characters;
     * null stays null.
     */
    public static String printable(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int i = 0; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() > max ? out.substring(0, max) : out.toString();
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
