package org.shouwang.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roster column 有子女或赡养人，请选择为区外或街道外: where the children or carer live when they
 * are not in the elder's street. Left empty when the elder has none.
 */
public enum ChildrenLocation {
    /** Outside Gusu District. */
    OUTSIDE_DISTRICT("区外"),
    /** In the district, but in another street. */
    OUTSIDE_STREET("街道外");

    private final String label;

    ChildrenLocation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The location a roster cell names (surrounding spaces ignored), if any. */
    public static Optional<ChildrenLocation> fromLabel(String text) {
        String t = text == null ? "" : text.strip();
        return Arrays.stream(values()).filter(c -> c.label.equals(t)).findFirst();
    }
}
