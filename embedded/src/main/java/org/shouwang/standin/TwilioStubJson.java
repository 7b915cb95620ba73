package org.shouwang.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.shouwang.model.Json;

/** The wire side of {@link RecordingTwilioServer}: form parsing and answers shaped like Twilio's. */
final class TwilioStubJson {

    /** An HTTP status with its JSON body, and the sid of what was created (null for an error). */
    record Answer(int status, String json, String sid) {
    }

    /** Twilio's date format in API answers (RFC 2822), which the SDK's Message and Call parse. */
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.US);

    private TwilioStubJson() {
    }

    static Answer message(String accountSid, Map<String, String> form) {
        String sid = newSid("SM");
        ObjectNode n = created(accountSid, sid, "Messages", form);
        n.put("body", form.get("Body"));
        n.put("num_segments", "1");
        n.put("num_media", "0");
        n.putNull("messaging_service_sid");
        n.putNull("error_code");
        n.putNull("error_message");
        n.putNull("price");
        n.put("price_unit", "USD");
        return new Answer(201, Json.write(n), sid);
    }

    static Answer call(String accountSid, Map<String, String> form) {
        String sid = newSid("CA");
        ObjectNode n = created(accountSid, sid, "Calls", form);
        n.put("to_formatted", form.get("To"));
        n.put("from_formatted", form.get("From"));
        n.putNull("parent_call_sid");
        n.putNull("start_time");
        n.putNull("end_time");
        n.putNull("duration");
        n.putNull("price");
        return new Answer(201, Json.write(n), sid);
    }

    private static ObjectNode created(String accountSid, String sid, String resource, Map<String, String> form) {
        String now = RFC_2822.format(ZonedDateTime.now(java.time.ZoneOffset.UTC));
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("sid", sid);
        n.put("account_sid", accountSid);
        n.put("api_version", "2010-04-01");
        n.put("to", form.get("To"));
        n.put("from", form.get("From"));
        n.put("status", "queued");
        n.put("direction", "outbound-api");
        n.put("date_created", now);
        n.put("date_updated", now);
        n.putNull("date_sent");
        n.put("uri", "/2010-04-01/Accounts/" + accountSid + "/" + resource + "/" + sid + ".json");
        return n;
    }

    static Answer error(int status, int code, String message) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("code", code);
        n.put("message", message);
        n.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        n.put("status", status);
        return new Answer(status, Json.write(n), null);
    }

    /** A plausible Twilio error code for a status the test asked for. */
    static int codeFor(int status) {
        return switch (status) {
            case 400 -> 21211; // invalid 'To' phone number
            case 401 -> 20003;
            case 404 -> 20404;
            case 429 -> 20429;
            default -> status >= 500 ? 20500 : status * 100;
        };
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(key, value);
        }
        return form;
    }

    /** The user of an HTTP Basic header (the account sid), or null; the password is never kept. */
    static String basicAuthUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 || colon == decoded.length() - 1 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String newSid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }
}
