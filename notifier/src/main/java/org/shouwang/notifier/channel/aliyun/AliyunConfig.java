package org.shouwang.notifier.channel.aliyun;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach Alibaba Cloud's SMS (dysmsapi) and voice (dyvmsapi) services. {@code accessKeySecret} is a
 * secret: {@link #toString()} hides it and nothing logs it.
 *
 * @param accessKeyId     the RAM user's AccessKey id (give it only the dysms:SendSms and dyvms:IvrCall rights)
 * @param accessKeySecret its secret
 * @param signName        the approved SMS signature, without brackets (守望 prints as 【守望】)
 * @param callerNumber    the purchased number calls show ({@code CalledShowNumber}); {@code null} without voice
 * @param smsEndpoint     where SendSms goes; {@link #DEFAULT_SMS_ENDPOINT} unless tests or the demo point it at
 *                        a local stand-in ({@code http://127.0.0.1:port})
 * @param voiceEndpoint   where IvrCall goes; {@link #DEFAULT_VOICE_ENDPOINT} likewise
 * @param requestTimeout  how long one API request may take
 * @param playTimes       how often an IVR call plays its message while waiting for a key (Alibaba: 1-3)
 * @param keyTimeout      how long an IVR call waits for a key after the message
 */
public record AliyunConfig(String accessKeyId, String accessKeySecret, String signName, String callerNumber,
                           String smsEndpoint, String voiceEndpoint, Duration requestTimeout, int playTimes,
                           Duration keyTimeout) {

    public static final String DEFAULT_SMS_ENDPOINT = "https://dysmsapi.aliyuncs.com";
    public static final String DEFAULT_VOICE_ENDPOINT = "https://dyvmsapi.aliyuncs.com";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_PLAY_TIMES = 2;
    public static final Duration DEFAULT_KEY_TIMEOUT = Duration.ofSeconds(10);

    public AliyunConfig {
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new IllegalArgumentException("aliyun access key id is required");
        }
        if (accessKeySecret == null || accessKeySecret.isBlank()) {
            throw new IllegalArgumentException("aliyun access key secret is required");
        }
        if (signName == null || signName.isBlank() || signName.contains("【") || signName.contains("】")) {
            throw new IllegalArgumentException("aliyun sms sign name is required, without 【】");
        }
        if (callerNumber != null && !callerNumber.matches("[0-9]{5,20}")) {
            throw new IllegalArgumentException("aliyun caller number must be the purchased number's digits");
        }
        smsEndpoint = endpoint(smsEndpoint, DEFAULT_SMS_ENDPOINT, "sms");
        voiceEndpoint = endpoint(voiceEndpoint, DEFAULT_VOICE_ENDPOINT, "voice");
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        if (requestTimeout.isNegative() || requestTimeout.isZero() || requestTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("aliyun request timeout must be between 0 and 5 minutes, was "
                    + requestTimeout);
        }
        playTimes = playTimes == 0 ? DEFAULT_PLAY_TIMES : playTimes;
        if (playTimes < 1 || playTimes > 3) {
            throw new IllegalArgumentException("aliyun ivr play times must be 1-3, was " + playTimes);
        }
        keyTimeout = keyTimeout == null ? DEFAULT_KEY_TIMEOUT : keyTimeout;
        if (keyTimeout.toMillis() < 1000 || keyTimeout.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("aliyun ivr key timeout must be 1-60 s, was " + keyTimeout);
        }
    }

    /** The real endpoints with the defaults. */
    public static AliyunConfig of(String accessKeyId, String accessKeySecret, String signName, String callerNumber) {
        return new AliyunConfig(accessKeyId, accessKeySecret, signName, callerNumber, null, null, null, 0, null);
    }

    /** Both services at one base URL (a stand-in answers both). */
    public AliyunConfig withEndpoints(String baseUrl) {
        return new AliyunConfig(accessKeyId, accessKeySecret, signName, callerNumber, baseUrl, baseUrl, requestTimeout,
                playTimes, keyTimeout);
    }

    public AliyunConfig withRequestTimeout(Duration timeout) {
        return new AliyunConfig(accessKeyId, accessKeySecret, signName, callerNumber, smsEndpoint, voiceEndpoint,
                timeout, playTimes, keyTimeout);
    }

    /** The SDK's Config for an endpoint: host[:port] as {@code endpoint}, the scheme as {@code protocol}. */
    com.aliyun.teaopenapi.models.Config sdkConfig(String endpointUrl) {
        URI uri = URI.create(endpointUrl);
        int timeout = Math.toIntExact(requestTimeout.toMillis());
        return new com.aliyun.teaopenapi.models.Config()
                .setAccessKeyId(accessKeyId)
                .setAccessKeySecret(accessKeySecret)
                .setEndpoint(uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort())
                .setProtocol(uri.getScheme().toUpperCase(java.util.Locale.ROOT))
                .setConnectTimeout(timeout)
                .setReadTimeout(timeout);
    }

    private static String endpoint(String url, String fallback, String what) {
        String value = url == null || url.isBlank() ? fallback : url.strip();
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("aliyun " + what + " endpoint is not a URL: " + value, e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || (uri.getPath() != null && !uri.getPath().isEmpty() && !"/".equals(uri.getPath()))
                || uri.getQuery() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("aliyun " + what + " endpoint must be http(s)://host[:port], was " + value);
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    @Override
    public String toString() {
        return "AliyunConfig[accessKeyId=" + accessKeyId + ", accessKeySecret=***, signName=" + signName
                + ", callerNumber=" + callerNumber + ", smsEndpoint=" + smsEndpoint + ", voiceEndpoint=" + voiceEndpoint
                + ", requestTimeout=" + requestTimeout + ", playTimes=" + playTimes + ", keyTimeout=" + keyTimeout + "]";
    }
}
