package org.shouwang.model;

/** A member of an elder's care team as the roster lists them: role, name and canonical phone. */
public record RosterContact(ContactRole role, String name, String phone) {
}
