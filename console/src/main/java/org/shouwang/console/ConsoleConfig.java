package org.shouwang.console;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the staff console listens and keeps its sessions.
 *
 * @param host           interface to bind; {@value #DEFAULT_HOST} by default, so the console is not reachable
 *                       from the network unless someone says so (put it behind a TLS proxy when it is)
 * @param port           TCP port, {@value #DEFAULT_PORT} by default; 0 picks any free port (tests)
 * @param secureCookies  mark the session cookie {@code Secure}: true whenever browsers reach the console over
 *                       HTTPS (a TLS proxy); false by default so the demo works on plain http://localhost
 * @param sessionIdle    a session unused this long ends ({@link #DEFAULT_SESSION_IDLE}); an open queue page
 *                       keeps its session alive
 * @param sessionMaxAge  a session ends this long after login whatever happens ({@link #DEFAULT_SESSION_MAX_AGE})
 * @param adminUser      a district account created at start if no account has this name yet; null for none
 * @param adminPassword  its first password (at least {@value Passwords#MIN_LENGTH} characters); never logged
 * @param trustedProxies IP addresses of the reverse proxies in front of the console, whose
 *                       {@code X-Forwarded-For} names the client a login is counted against; empty by default,
 *                       and then that header is ignored (anyone could write it) and the TCP peer counts
 */
public record ConsoleConfig(String host, int port, boolean secureCookies, Duration sessionIdle,
                            Duration sessionMaxAge, String adminUser, String adminPassword, Set<String> trustedProxies) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** Long enough to step away from the desk; the queue page's live stream keeps an open page signed in. */
    public static final Duration DEFAULT_SESSION_IDLE = Duration.ofHours(2);
    /** One duty shift. */
    public static final Duration DEFAULT_SESSION_MAX_AGE = Duration.ofHours(12);

    public ConsoleConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("console host is required");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("console port must be 0-65535, was " + port);
        }
        host = host.strip();
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        Objects.requireNonNull(sessionMaxAge, "sessionMaxAge");
        if (sessionIdle.isNegative() || sessionIdle.isZero() || sessionMaxAge.compareTo(sessionIdle) < 0) {
            throw new IllegalArgumentException("console sessions need 0 < sessionIdle <= sessionMaxAge");
        }
        adminUser = adminUser == null || adminUser.isBlank() ? null : adminUser.strip();
        if (adminUser != null && (adminPassword == null || adminPassword.length() < Passwords.MIN_LENGTH)) {
            throw new IllegalArgumentException("console.adminPassword must have at least " + Passwords.MIN_LENGTH
                    + " characters when console.adminUser is set");
        }
        trustedProxies = trustedProxies == null ? Set.of()
                : trustedProxies.stream().map(ClientAddress::canonical).collect(Collectors.toUnmodifiableSet());
    }

    /** No trusted proxy: every login counts against its TCP peer. */
    public ConsoleConfig(String host, int port, boolean secureCookies, Duration sessionIdle, Duration sessionMaxAge,
                         String adminUser, String adminPassword) {
        this(host, port, secureCookies, sessionIdle, sessionMaxAge, adminUser, adminPassword, Set.of());
    }

    /** Plain http, default sessions, no bootstrap account. */
    public ConsoleConfig(String host, int port) {
        this(host, port, false, DEFAULT_SESSION_IDLE, DEFAULT_SESSION_MAX_AGE, null, null);
    }

    public static ConsoleConfig defaults() {
        return new ConsoleConfig(DEFAULT_HOST, DEFAULT_PORT);
    }

    public ConsoleConfig withSecureCookies(boolean secure) {
        return new ConsoleConfig(host, port, secure, sessionIdle, sessionMaxAge, adminUser, adminPassword,
                trustedProxies);
    }

    public ConsoleConfig withSessions(Duration idle, Duration maxAge) {
        return new ConsoleConfig(host, port, secureCookies, idle, maxAge, adminUser, adminPassword, trustedProxies);
    }

    /** The district account to create at start when it does not exist yet (its password is never changed later). */
    public ConsoleConfig withAdmin(String user, String password) {
        return new ConsoleConfig(host, port, secureCookies, sessionIdle, sessionMaxAge, user, password, trustedProxies);
    }

    /** The reverse proxies whose {@code X-Forwarded-For} is believed (IP literals; a name is refused). */
    public ConsoleConfig withTrustedProxies(Collection<String> proxies) {
        return new ConsoleConfig(host, port, secureCookies, sessionIdle, sessionMaxAge, adminUser, adminPassword,
                Set.copyOf(proxies));
    }

    @Override
    public String toString() {
        return "ConsoleConfig[host=" + host + ", port=" + port + ", secureCookies=" + secureCookies + ", sessionIdle="
                + sessionIdle + ", sessionMaxAge=" + sessionMaxAge + ", adminUser=" + adminUser + ", adminPassword=***"
                + ", trustedProxies=" + trustedProxies + "]";
    }
}
