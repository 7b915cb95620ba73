package org.shouwang.model;

import java.util.Arrays;
import java.util.Optional;

/** The roster's 类别 column (policy annex 3): why the elder is covered. */
public enum ElderCategory {
    /** No children or other carer at all; empty-nest by the policy's definition. */
    NO_CHILDREN_OR_CARER("无子女或赡养人"),
    /** Lives with children or a carer who cannot look after them. */
    CARER_UNABLE("子女或赡养人无照顾能力"),
    /** Has children, none of them living in the same street. */
    EMPTY_NEST("空巢"),
    /** Lives alone: no spouse or children in the same street. */
    LIVING_ALONE("独居");

    private final String label;

    ElderCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True for the categories the policy calls 空巢/独居 (empty-nest or living alone). */
    public boolean emptyNestOrAlone() {
        return this != CARER_UNABLE;
    }

    /** The category a roster cell names (surrounding spaces ignored), if any. */
    public static Optional<ElderCategory> fromLabel(String text) {
        String t = text == null ? "" : text.strip();
        return Arrays.stream(values()).filter(c -> c.label.equals(t)).findFirst();
    }
}
