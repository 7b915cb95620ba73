package org.shouwang.carrier;

import java.time.Duration;
import java.util.Set;

/**
 * The carrier-platform listener and its secrets.
 *
 * @param host                 where the listener binds (default {@value #DEFAULT_HOST}; a site puts its TLS proxy
 *                             in front)
 * @param port                 its port (default {@value #DEFAULT_PORT}; 0 picks a free one)
 * @param onenetToken          the OneNET push instance's token; blank: {@code /carrier/onenet} answers 404
 * @param onenetAesKey         the push instance's 16-character AES key in safe mode; blank: plaintext mode
 * @param ctwingSecret         the secret path segment of {@code POST /carrier/ctwing/{secret}}, at least
 *                             {@value #MIN_SECRET} characters; blank: CTWing pushes answer 404
 * @param ctwingAllowedSources the only source addresses CTWing pushes are taken from; empty: any
 * @param maxBodyBytes         larger pushes are refused with 413 (default {@value #DEFAULT_MAX_BODY_BYTES})
 * @param decodeBatch          inbox rows decoded per transaction (default {@value #DEFAULT_DECODE_BATCH})
 * @param pollEvery            how often the decoder looks at the inbox when nothing woke it (default 1 s)
 */
public record CarrierConfig(String host, int port, String onenetToken, String onenetAesKey, String ctwingSecret,
                            Set<String> ctwingAllowedSources, int maxBodyBytes, int decodeBatch, Duration pollEvery) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8082;
    public static final int MIN_SECRET = 16;
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    public static final int DEFAULT_DECODE_BATCH = 100;
    public static final Duration DEFAULT_POLL_EVERY = Duration.ofSeconds(1);

    public CarrierConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        onenetToken = blankToNull(onenetToken);
        onenetAesKey = blankToNull(onenetAesKey);
        ctwingSecret = blankToNull(ctwingSecret);
        if (onenetAesKey != null && onenetAesKey.length() != 16) {
            throw new IllegalArgumentException("onenetAesKey is OneNET's 16-character key, was " + onenetAesKey.length()
                    + " characters");
        }
        if (onenetAesKey != null && onenetToken == null) {
            throw new IllegalArgumentException("onenetAesKey needs onenetToken");
        }
        if (ctwingSecret != null && (ctwingSecret.length() < MIN_SECRET || !ctwingSecret.matches("[A-Za-z0-9_-]+"))) {
            throw new IllegalArgumentException("ctwingSecret must be at least " + MIN_SECRET
                    + " characters of A-Z, a-z, 0-9, '_' or '-' (it is a URL path segment)");
        }
        ctwingAllowedSources = ctwingAllowedSources == null ? Set.of() : Set.copyOf(ctwingAllowedSources);
        if (maxBodyBytes < 1024 || maxBodyBytes > 4 * 1024 * 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be within 1 KiB..4 MiB");
        }
        if (decodeBatch < 1 || decodeBatch > 10_000) {
            throw new IllegalArgumentException("decodeBatch must be within 1..10000");
        }
        if (pollEvery == null || pollEvery.isNegative() || pollEvery.isZero()
                || pollEvery.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("pollEvery must be within 0..1 min");
        }
    }

    /** The listener on {@code port} with these secrets, everything else at its default. */
    public static CarrierConfig of(int port, String onenetToken, String ctwingSecret) {
        return new CarrierConfig(DEFAULT_HOST, port, onenetToken, null, ctwingSecret, Set.of(), DEFAULT_MAX_BODY_BYTES,
                DEFAULT_DECODE_BATCH, DEFAULT_POLL_EVERY);
    }

    public CarrierConfig withOnenetAesKey(String key) {
        return new CarrierConfig(host, port, onenetToken, key, ctwingSecret, ctwingAllowedSources, maxBodyBytes,
                decodeBatch, pollEvery);
    }

    public CarrierConfig withCtwingAllowedSources(Set<String> sources) {
        return new CarrierConfig(host, port, onenetToken, onenetAesKey, ctwingSecret, sources, maxBodyBytes,
                decodeBatch, pollEvery);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Keeps the secrets out of logs. */
    @Override
    public String toString() {
        return "CarrierConfig[host=" + host + ", port=" + port + ", onenetToken=" + (onenetToken == null ? "off" : "***")
                + ", onenetAesKey=" + (onenetAesKey == null ? "off" : "***") + ", ctwingSecret="
                + (ctwingSecret == null ? "off" : "***") + ", ctwingAllowedSources=" + ctwingAllowedSources
                + ", maxBodyBytes=" + maxBodyBytes + ", decodeBatch=" + decodeBatch + ", pollEvery=" + pollEvery + "]";
    }
}
