package org.shouwang.console;

/**
 * Where the staff console listens.
 *
 * @param host interface to bind; {@value #DEFAULT_HOST} by default because there is no login until
 *             issue 6, so the console must not be reachable from the network unless someone says so
 * @param port TCP port, {@value #DEFAULT_PORT} by default; 0 picks any free port (tests)
 */
public record ConsoleConfig(String host, int port) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public ConsoleConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("console host is required");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("console port must be 0-65535, was " + port);
        }
        host = host.strip();
    }

    public static ConsoleConfig defaults() {
        return new ConsoleConfig(DEFAULT_HOST, DEFAULT_PORT);
    }
}
