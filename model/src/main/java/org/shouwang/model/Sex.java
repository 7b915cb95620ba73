package org.shouwang.model;

/** Sex as the resident ID number encodes it (the parity of its 17th digit). */
public enum Sex {
    MALE("男"),
    FEMALE("女");

    private final String label;

    Sex(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
