package org.shouwang.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.shouwang.model.Json;

/**
 * What a carrier IoT platform pushes to the application for an NB-IoT meter, built as the platforms document it, for
 * tests, the demo and installers trying the listener (issue 14). This is the platform's side, written apart from the
 * listener's verification on purpose: a push the simulator signs must verify there, or one of the two is wrong.
 * <ul>
 *   <li>OneNET HTTP push: {@code {"msg": "<JSON string>", "nonce": "<8 chars>", "signature":
 *       base64(md5(token + nonce + msg)), "time": <ms>, "id": "<message id>"}}, {@code msg} carrying
 *       {@code messageType} {@code notify} (properties, {@code params: {name: {time, value}}}) or {@code lifeCycle}.</li>
 *   <li>CTWing HTTP subscription push: {@code messageType} {@code dataReport} with {@code deviceId}, {@code productId},
 *       {@code IMEI}, {@code timestamp} (ms), {@code upPacketSN} and decoded properties in {@code payload}.</li>
 * </ul>
 */
public final class CarrierPush {

    private static final AtomicLong NONCES = new AtomicLong(System.nanoTime());
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    /** @param base the listener, e.g. {@code http://127.0.0.1:8082} */
    public CarrierPush(URI base) {
        this.base = base;
    }

    /** OneNET's signature of a push: base64(md5(token + nonce + msg)). */
    public static String oneNetSignature(String token, String nonce, String msg) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest((token + nonce + msg).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(md5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }

    /** The signed envelope OneNET posts; {@code id} is its message id, which a retry repeats. */
    public static String oneNetEnvelope(String token, String id, String msg, long timeMs) {
        String nonce = String.format("%08x", NONCES.incrementAndGet() & 0xffffffffL);
        return Json.MAPPER.createObjectNode().put("msg", msg).put("nonce", nonce)
                .put("signature", oneNetSignature(token, nonce, msg)).put("time", timeMs).put("id", id).toString();
    }

    /** A OneNET property notification ({@code msg}): each property as {@code {time, value}}. */
    public static String oneNetProperties(String productId, String deviceId, String imei, Map<String, ?> properties,
                                          long timeMs) {
        ObjectNode msg = Json.MAPPER.createObjectNode().put("productId", productId).put("deviceName", "nb-" + deviceId)
                .put("deviceId", deviceId).put("imei", imei).put("messageType", "notify").put("notifyType", "property");
        ObjectNode params = msg.putObject("data").put("id", Long.toString(timeMs)).put("version", "1.0")
                .putObject("params");
        properties.forEach((name, value) -> params.putObject(name).put("time", timeMs)
                .set("value", Json.MAPPER.valueToTree(value)));
        return msg.toString();
    }

    /** A OneNET life-cycle message ({@code msg}): the device came online or went offline. */
    public static String oneNetLifeCycle(String productId, String deviceId, String imei, boolean online, long timeMs) {
        ObjectNode msg = Json.MAPPER.createObjectNode().put("productId", productId).put("deviceName", "nb-" + deviceId)
                .put("deviceId", deviceId).put("imei", imei).put("messageType", "lifeCycle");
        msg.putObject("data").put("status", online ? "online" : "offline").put("time", timeMs);
        return msg.toString();
    }

    /** A CTWing data report with decoded properties; {@code upPacketSN} with the device and time is its identity. */
    public static String ctwingDataReport(String productId, String deviceId, String imei, long timestampMs,
                                          long upPacketSN, Map<String, ?> payload) {
        ObjectNode report = Json.MAPPER.createObjectNode().put("messageType", "dataReport").put("deviceId", deviceId)
                .put("productId", productId).put("IMEI", imei).put("timestamp", timestampMs)
                .put("upPacketSN", upPacketSN).put("protocol", "lwm2m");
        report.set("payload", Json.MAPPER.valueToTree(payload));
        return report.toString();
    }

    /** Posts a OneNET push to {@code /carrier/onenet}; returns the HTTP status. */
    public int postOneNet(String envelope) throws IOException, InterruptedException {
        return post("/carrier/onenet", envelope);
    }

    /** Posts a CTWing push to {@code /carrier/ctwing/{secret}}; returns the HTTP status. */
    public int postCtwing(String secret, String report) throws IOException, InterruptedException {
        return post("/carrier/ctwing/" + secret, report);
    }

    private int post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
