package org.shouwang.console;

import io.vertx.core.json.JsonObject;

/**
 * A request the console refuses: the HTTP status and the Chinese message staff read. Messages never
 * repeat what the client sent, so an ID number or phone cannot leak back through an error.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final JsonObject details;

    private ApiError(int status, String message, JsonObject details) {
        // No stack trace: this is an answer to a client, not a fault of ours.
        super(message, null, false, false);
        this.status = status;
        this.details = details;
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

    /** Too many failed logins; {@code minutes} says when to try again. */
    static ApiError locked(String message, long minutes) {
        return new ApiError(429, message, new JsonObject().put("retryAfterMinutes", minutes));
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

    int status() {
        return status;
    }

    JsonObject body() {
        JsonObject body = new JsonObject().put("error", getMessage());
        return details == null ? body : body.mergeIn(details);
    }
}
