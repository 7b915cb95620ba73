package org.shouwang.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.shouwang.model.Json;

/**
 * One person signed in to a running console, as a browser would be: {@link #login} posts the credentials,
 * every later request carries the session cookie and, on changes, the CSRF token. For tests that drive the
 * whole platform over HTTP (the console module's own tests use its Vert.x harness).
 */
public final class ConsoleSession {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;
    private final String cookie;
    private final String csrf;
    private final JsonNode session;

    private ConsoleSession(String baseUrl, String cookie, String csrf, JsonNode session) {
        this.baseUrl = baseUrl;
        this.cookie = cookie;
        this.csrf = csrf;
        this.session = session;
    }

    /** Signs in at {@code baseUrl} ({@code http://host:port}); fails the test unless the console answers 200. */
    public static ConsoleSession login(String baseUrl, String username, String password) {
        Reply r = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("username", username,
                        "password", password)))));
        if (r.status() != 200) {
            throw new AssertionError("login of " + username + " answered " + r.status() + ": " + r.body());
        }
        String cookie = r.setCookies().stream().filter(c -> c.startsWith("sw_session="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("login of " + username + " set no session cookie"));
        JsonNode body = r.json();
        return new ConsoleSession(baseUrl, cookie, body.get("csrfToken").asText(), body);
    }

    /** What the login answered: role, street, communities, … */
    public JsonNode session() {
        return session;
    }

    /** {@code GET path}, expecting 200. */
    public JsonNode get(String path) {
        return expect(200, "GET", path, send(request(path).GET()));
    }

    /** {@code POST path} with {@code body} as JSON, expecting {@code status}. */
    public JsonNode post(String path, Object body, int status) {
        return expect(status, "POST", path, send(request(path).header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Cookie", cookie);
    }

    private static JsonNode expect(int status, String method, String path, Reply r) {
        if (r.status() != status) {
            throw new AssertionError(method + " " + path + " answered " + r.status() + ", expected " + status
                    + ": " + r.body());
        }
        return r.json();
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers().allValues("set-cookie"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Reply(int status, String body, java.util.List<String> setCookies) {
        JsonNode json() {
            try {
                return body == null || body.isEmpty() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
