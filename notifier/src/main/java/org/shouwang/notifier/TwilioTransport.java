package org.shouwang.notifier;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.InvalidRequestException;
import com.twilio.http.HttpUtility;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The Twilio SDK's HTTP transport, pointed at {@link TwilioConfig#apiBaseUrl()}: the SDK builds every
 * request for {@code https://api.twilio.com/2010-04-01/…} (its {@code Request} joins the domain
 * {@code api} with {@code .twilio.com} and the path); this transport sends the same request, with the
 * SDK's authorization, headers and encoded form, to the configured base instead. Blocking.
 */
public final class TwilioTransport extends com.twilio.http.HttpClient {

    /** What the SDK's request URLs for the REST API start with. */
    static final String TWILIO_API_ORIGIN = "https://api.twilio.com";

    private final HttpClient http;
    private final String base;
    private final Duration timeout;

    public TwilioTransport(String apiBaseUrl, Duration requestTimeout) {
        this.base = apiBaseUrl;
        this.timeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The SDK client for one account, talking through this transport. */
    public static TwilioRestClient restClient(TwilioConfig config) {
        initializeSdk();
        return new TwilioRestClient.Builder(config.accountSid(), config.authToken())
                .httpClient(new TwilioTransport(config.apiBaseUrl(), config.requestTimeout()))
                .build();
    }

    /**
     * Initializes the SDK's {@code Twilio} class now, not at the first page: its static initializer registers a
     * JVM shutdown hook, which throws once shutdown has begun, so a node whose first page fell during its own
     * graceful stop (a standby that led briefly, then was stopped) failed that page with an
     * {@code ExceptionInInitializerError}, and the page stayed claimed until its lease ran out (found by FailoverIT).
     */
    static void initializeSdk() {
        try {
            Class.forName("com.twilio.Twilio", true, TwilioTransport.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the Twilio SDK is not on the class path", e);
        }
    }

    /**
     * One attempt per call. The SDK would re-POST three times on a 5xx, 100 ms apart; the outbox owns
     * retries instead (with backoff, counted per page), and a blind re-POST could page a person twice.
     */
    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(route(request.constructURL().toString()))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", HttpUtility.getUserAgentString(request.getUserAgentExtensions()));
        if (request.requiresAuthentication()) {
            b.header("Authorization", request.getAuthString());
        }
        request.getHeaderParams().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        String method = request.getMethod().toString().toUpperCase(java.util.Locale.ROOT);
        if ("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method)) {
            boolean json = request.getContentType() == EnumConstants.ContentType.JSON;
            String body = json ? request.getBody() : request.encodeFormBody();
            b.header("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded; charset=UTF-8");
            b.method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> answer = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(new ByteArrayInputStream(answer.body()), answer.statusCode());
        } catch (HttpTimeoutException e) {
            throw new ApiConnectionException("timed out after " + timeout, e);
        } catch (IOException e) {
            throw new ApiConnectionException(e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("interrupted", e);
        }
    }

    /** Moves a REST API URL onto the configured base; refuses other Twilio hosts once the base is moved. */
    URI route(String url) {
        if (url.startsWith(TWILIO_API_ORIGIN + "/")) {
            return URI.create(base + url.substring(TWILIO_API_ORIGIN.length()));
        }
        if (TwilioConfig.DEFAULT_API_BASE_URL.equals(base)) {
            return URI.create(url);
        }
        // A stand-in or proxy is configured: a request for another host must not slip out to real Twilio.
        throw new InvalidRequestException("only " + TWILIO_API_ORIGIN + " is routed to the configured base", url);
    }
}
