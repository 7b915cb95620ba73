package org.shouwang.notifier;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How to reach Twilio. {@code authToken} is a secret: {@link #toString()} hides it and nothing logs it.
 *
 * @param accountSid     the account ({@code AC} + 32 hex digits); also the HTTP Basic user
 * @param authToken      the account's auth token (the HTTP Basic password)
 * @param fromNumber     the Twilio number pages come from, in E.164 ({@code +12025550123})
 * @param apiBaseUrl     where the REST API is reached; {@link #DEFAULT_API_BASE_URL} unless a site routes
 *                       through its own proxy, or tests and the demo point it at a local recording stand-in
 * @param requestTimeout how long one API request may take before it counts as a (retriable) failure
 */
public record TwilioConfig(String accountSid, String authToken, String fromNumber, String apiBaseUrl,
                           Duration requestTimeout) {

    public static final String DEFAULT_API_BASE_URL = "https://api.twilio.com";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    public TwilioConfig {
        if (accountSid == null || !ACCOUNT_SID.matcher(accountSid).matches()) {
            throw new IllegalArgumentException("twilio account sid must be AC followed by 32 hex digits");
        }
        if (authToken == null || authToken.isBlank()) {
            throw new IllegalArgumentException("twilio auth token is required");
        }
        if (fromNumber == null || !E164.matcher(fromNumber).matches()) {
            throw new IllegalArgumentException("twilio from number must be in E.164 form, e.g. +12025550123");
        }
        apiBaseUrl = normaliseBase(apiBaseUrl == null || apiBaseUrl.isBlank() ? DEFAULT_API_BASE_URL : apiBaseUrl);
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        if (requestTimeout.isNegative() || requestTimeout.isZero() || requestTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("twilio request timeout must be between 0 and 5 minutes, was "
                    + requestTimeout);
        }
    }

    /** The real Twilio API with the default timeout. */
    public static TwilioConfig of(String accountSid, String authToken, String fromNumber) {
        return new TwilioConfig(accountSid, authToken, fromNumber, null, null);
    }

    public TwilioConfig withApiBaseUrl(String baseUrl) {
        return new TwilioConfig(accountSid, authToken, fromNumber, baseUrl, requestTimeout);
    }

    public TwilioConfig withRequestTimeout(Duration timeout) {
        return new TwilioConfig(accountSid, authToken, fromNumber, apiBaseUrl, timeout);
    }

    private static String normaliseBase(String base) {
        URI uri;
        try {
            uri = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("twilio api base url is not a URL: " + base, e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getQuery() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("twilio api base url must be http(s)://host[:port][/path], was " + base);
        }
        // The SDK's paths start with a slash; a trailing one here would double it.
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public String toString() {
        return "TwilioConfig[accountSid=" + accountSid + ", authToken=***, fromNumber=" + fromNumber
                + ", apiBaseUrl=" + apiBaseUrl + ", requestTimeout=" + requestTimeout + "]";
    }
}
