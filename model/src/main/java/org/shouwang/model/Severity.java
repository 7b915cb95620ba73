package org.shouwang.model;

/** How urgently people must act; orders the console queue (critical first). */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, TECHNICAL
}
