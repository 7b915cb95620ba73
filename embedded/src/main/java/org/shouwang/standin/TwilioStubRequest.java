package org.shouwang.standin;

import java.time.Instant;
import java.util.Map;
import org.shouwang.model.Privacy;

/**
 * One request {@link RecordingTwilioServer} received. {@code form} holds the posted fields as the SDK
 * sent them (To, From, Body for an SMS; To, From, Twiml or Url for a call); {@code authorized} says the
 * request carried HTTP Basic credentials for the account in its path. {@link #toString()} masks the
 * number and leaves the text out.
 *
 * @param resource {@code Messages}, {@code Calls}, or {@code null} for a path the stand-in does not serve
 * @param status   the HTTP status it answered
 * @param sid      the sid it gave an accepted message or call, else {@code null}
 * @param receivedAt when the request came in (wall clock), before any delay it was told to add
 */
public record TwilioStubRequest(String method, String path, String accountSid, String resource,
                                Map<String, String> form, boolean authorized, int status, String sid,
                                Instant receivedAt) {

    public TwilioStubRequest {
        form = Map.copyOf(form);
    }

    /** As received now. */
    public TwilioStubRequest(String method, String path, String accountSid, String resource, Map<String, String> form,
                             boolean authorized, int status, String sid) {
        this(method, path, accountSid, resource, form, authorized, status, sid, Instant.now());
    }

    public String to() {
        return form.get("To");
    }

    public String from() {
        return form.get("From");
    }

    public String body() {
        return form.get("Body");
    }

    public String twiml() {
        return form.get("Twiml");
    }

    /** Where the provider was asked to report delivery or call progress ({@code StatusCallback}). */
    public String statusCallback() {
        return form.get("StatusCallback");
    }

    public boolean isMessage() {
        return "Messages".equals(resource);
    }

    public boolean isCall() {
        return "Calls".equals(resource);
    }

    /** True when it was answered 201 Created: Twilio would have sent it. */
    public boolean accepted() {
        return status == 201;
    }

    @Override
    public String toString() {
        return "TwilioStubRequest[" + method + " " + path + ", to=" + Privacy.maskPhone(to()) + ", authorized="
                + authorized + ", status=" + status + ", sid=" + sid + "]";
    }
}
