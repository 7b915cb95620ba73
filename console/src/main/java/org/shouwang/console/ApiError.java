package org.shouwang.console;

import io.vertx.core.json.JsonObject;

/**
 * A request the console refuses: the HTTP status and the Chinese message staff read. Messages never
 * repeat what the client sent, so an ID number or phone cannot leak back through an error.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final JsonObject details;
    private final long retryAfterSeconds;

    private ApiError(int status, String message, JsonObject details) {
        this(status, message, details, 0);
    }

    private ApiError(int status, String message, JsonObject details, long retryAfterSeconds) {
        // No stack trace: this is an answer to a client, not a fault of ours.
        super(message, null, false, false);
        this.status = status;
        this.details = details;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message, null);
    }

    /** A bad input field; {@code field} lets a page mark the input that needs fixing. */
    static ApiError badField(String field, String message) {
        return new ApiError(400, message, new JsonObject().put("field", field));
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, message, null);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, message, null);
    }

    /** A username locked at this address; answered with {@code Retry-After} and, for the page, whole minutes. */
    static ApiError locked(String message, long seconds, long minutes) {
        return new ApiError(429, message, new JsonObject().put("retryAfterSeconds", seconds)
                .put("retryAfterMinutes", minutes), seconds);
    }

    /** An address that must wait before its next login is checked; answered with {@code Retry-After}. */
    static ApiError throttled(String message, long seconds) {
        return new ApiError(429, message, new JsonObject().put("retryAfterSeconds", seconds), seconds);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message, null);
    }

    static ApiError conflict(String message) {
        return new ApiError(409, message, null);
    }

    /** The incident exists but its state forbids the change; the page shows where it stands now. */
    static ApiError stateConflict(String message, String currentState) {
        return new ApiError(409, message, new JsonObject().put("state", currentState));
    }

    /** 409 for a resolve that had not seen every alert: the incident's state and how many alerts it holds now. */
    static ApiError staleAlerts(String message, String currentState, int alerts) {
        return new ApiError(409, message, new JsonObject().put("state", currentState).put("alerts", alerts));
    }

    int status() {
        return status;
    }

    /** Seconds for a {@code Retry-After} header; 0 for none. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    JsonObject body() {
        JsonObject body = new JsonObject().put("error", getMessage());
        return details == null ? body : body.mergeIn(details);
    }
}
