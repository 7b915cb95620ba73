package org.shouwang.model;

import java.time.Instant;

/**
 * Extreme-weather mode (严寒酷暑, the policy's emergency mechanism) switched on or off for one street, or
 * district-wide when {@code street} is null; every switch is kept with who and when.
 */
public record WeatherModeChange(long id, String street, boolean on, Instant at, String actor) {

    public boolean districtWide() {
        return street == null;
    }
}
