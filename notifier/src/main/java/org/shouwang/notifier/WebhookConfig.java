package org.shouwang.notifier;

import java.net.URI;

/**
 * Where Twilio's webhooks reach the notifier: the local listener ({@code host}, {@code port}) and the
 * public HTTPS base URL Twilio is given (a reverse proxy usually sits in between). Signatures are
 * checked against the public URL, because that is the one Twilio signs.
 *
 * @param publicBaseUrl e.g. {@code https://shouwang.example.org}; the paths below are appended to it
 */
public record WebhookConfig(String host, int port, String publicBaseUrl) {

    /** Twilio asks this after a key press in a call ({@code Digits}). */
    public static final String VOICE_GATHER_PATH = "/twilio/voice/gather";
    /** Twilio reports a call's progress here (ringing, in-progress, completed, no-answer, busy, failed). */
    public static final String VOICE_STATUS_PATH = "/twilio/voice/status";
    /** Twilio reports an SMS's delivery here (queued, sent, delivered, undelivered, failed). */
    public static final String SMS_STATUS_PATH = "/twilio/sms/status";
    /** Configure as the Twilio number's "A message comes in" webhook: replies acknowledge. */
    public static final String SMS_INBOUND_PATH = "/twilio/sms/inbound";

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8081;
    public static final String DEFAULT_PUBLIC_BASE_URL = "http://" + DEFAULT_HOST + ":" + DEFAULT_PORT;
    public static final WebhookConfig DEFAULTS = new WebhookConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_PUBLIC_BASE_URL);

    public WebhookConfig {
        host = host == null || host.isBlank() ? DEFAULT_HOST : host;
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("webhook port must be 0-65535, was " + port);
        }
        if (publicBaseUrl == null || publicBaseUrl.isBlank()) {
            throw new IllegalArgumentException("webhook publicBaseUrl is required: the URL Twilio reaches this"
                    + " notifier at, e.g. https://shouwang.example.org");
        }
        URI uri;
        try {
            uri = URI.create(publicBaseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook publicBaseUrl is not a URL: " + publicBaseUrl, e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("webhook publicBaseUrl must be http(s)://host[:port][/path], was "
                    + publicBaseUrl);
        }
        publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    /** Where a call's key press for this page goes. */
    public String gatherUrl(long notificationId) {
        return publicBaseUrl + VOICE_GATHER_PATH + "?notification=" + notificationId;
    }

    public String voiceStatusUrl(long notificationId) {
        return publicBaseUrl + VOICE_STATUS_PATH + "?notification=" + notificationId;
    }

    public String smsStatusUrl(long notificationId) {
        return publicBaseUrl + SMS_STATUS_PATH + "?notification=" + notificationId;
    }

    public String smsInboundUrl() {
        return publicBaseUrl + SMS_INBOUND_PATH;
    }

    /** The URL Twilio requested, as it signed it: the public base and the request's path and query. */
    String publicUrl(String pathAndQuery) {
        return publicBaseUrl + pathAndQuery;
    }
}
