package org.shouwang.model;

import java.util.Locale;

/** An incident's life: open until a person takes it, acknowledged until it is closed with an outcome. */
public enum IncidentState {
    OPEN, ACKNOWLEDGED, RESOLVED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IncidentState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
