package org.shouwang.db;

/**
 * Where the database is and how many connections to hold.
 *
 * @param jdbcUrl  {@code jdbc:postgresql://host:port/db}, user and password may be in the query string
 * @param user     optional; overrides the URL's user
 * @param password optional
 * @param poolSize connections kept open (ingest's writer, the notifier and the console share them)
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int poolSize) {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/shouwang";
    public static final int DEFAULT_POOL_SIZE = 10;

    public DatabaseConfig {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database url must be a jdbc:postgresql: URL");
        }
        if (poolSize < 2) {
            throw new IllegalArgumentException("database pool size must be at least 2, was " + poolSize);
        }
    }

    public static DatabaseConfig of(String jdbcUrl) {
        return new DatabaseConfig(jdbcUrl, null, null, DEFAULT_POOL_SIZE);
    }
}
