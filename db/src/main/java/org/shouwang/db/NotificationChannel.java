package org.shouwang.db;

/** How a page reaches a person: a text message or a voice call. */
public enum NotificationChannel {
    SMS, VOICE
}
