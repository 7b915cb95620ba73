package org.shouwang.console;

import static org.shouwang.console.ConsoleHarness.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/** One signed-in person talking to the console's API: sends the session cookie and, on changes, the CSRF token. */
final class StaffClient {

    private final WebClient client;
    final String cookie;
    final String csrf;
    final JsonObject session;

    StaffClient(WebClient client, String cookie, String csrf, JsonObject session) {
        this.client = client;
        this.cookie = cookie;
        this.csrf = csrf;
        this.session = session;
    }

    HttpResponse<Buffer> get(String path) {
        return await(request(HttpMethod.GET, path).send());
    }

    HttpResponse<Buffer> post(String path, JsonObject body) {
        return send(HttpMethod.POST, path, body);
    }

    HttpResponse<Buffer> put(String path, JsonObject body) {
        return send(HttpMethod.PUT, path, body);
    }

    HttpResponse<Buffer> delete(String path) {
        return await(request(HttpMethod.DELETE, path).send());
    }

    HttpResponse<Buffer> send(HttpMethod method, String path, JsonObject body) {
        HttpRequest<Buffer> r = request(method, path);
        return await(body == null ? r.send() : r.sendJsonObject(body));
    }

    HttpResponse<Buffer> postRaw(String path, String contentType, Buffer body) {
        return await(request(HttpMethod.POST, path).putHeader("Content-Type", contentType).sendBuffer(body));
    }

    /** A change without the CSRF token, as a forged cross-site form would send it. */
    HttpResponse<Buffer> postWithoutCsrf(String path, JsonObject body) {
        return await(client.request(HttpMethod.POST, path).putHeader("Cookie", Authenticator.COOKIE + "=" + cookie)
                .sendJsonObject(body));
    }

    private HttpRequest<Buffer> request(HttpMethod method, String path) {
        HttpRequest<Buffer> r = client.request(method, path).putHeader("Cookie", Authenticator.COOKIE + "=" + cookie);
        return method == HttpMethod.GET ? r : r.putHeader(Authenticator.CSRF_HEADER, csrf);
    }
}
