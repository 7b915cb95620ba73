package org.shouwang.sim;

/** The devices of one simulated home: its water meter and its call button. */
public record Home(String meterId, String buttonId) {
}
