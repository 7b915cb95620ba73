package org.shouwang.model;

/**
 * An elder in the registry. {@code idNumber}, {@code phone} and {@code address} are sensitive:
 * never log them, mask them with {@link Privacy} wherever a role may not see them.
 */
public record Elder(long id, String name, String idNumber, String street, String community,
                    String address, String phone, boolean active) {
}
