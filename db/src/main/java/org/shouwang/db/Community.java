package org.shouwang.db;

/** A community (社区) of a street, as the registry knows it. */
public record Community(long id, String street, String name) {
}
