package org.shouwang.model;

/** A person paged for an elder; lower {@code priority} is reached first within a role. */
public record CareContact(long id, long elderId, ContactRole role, String name, String phone, int priority) {
}
