package org.shouwang.model;

/** The kinds of device installed in a home. */
public enum DeviceKind {
    WATER_METER, CALL_BUTTON
}
