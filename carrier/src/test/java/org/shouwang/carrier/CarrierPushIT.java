package org.shouwang.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shouwang.carrier.decode.DecodeException;
import org.shouwang.carrier.decode.FrozenFrames;
import org.shouwang.carrier.onenet.OneNetSignature;
import org.shouwang.model.CarrierPlatform;
import org.shouwang.model.Json;

/** The carrier listener over real HTTP against real PostgreSQL: verification, inbox, dedup, decoding, status. */
class CarrierPushIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private CarrierHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void theOnenetHandshakeEchoesAVerifiedMsgAndRefusesAForgedOne() throws Exception {
        h = new CarrierHarness().start(true);
        String msg = "abc+def/xyz=";
        String sig = new OneNetSignature(Fixtures.ONENET_TOKEN).sign("n0nce123", msg);

        HttpResponse<String> ok = h.get("/carrier/onenet?msg=" + enc(msg) + "&nonce=n0nce123&signature=" + enc(sig));
        HttpResponse<String> forged = h.get("/carrier/onenet?msg=" + enc(msg) + "&nonce=n0nce124&signature=" + enc(sig));

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(msg);
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void aSignedOnenetPushIsStoredBeforeTheReplyAndDecodedIntoTheTelemetryTables() throws Exception {
        h = new CarrierHarness().start(true);
        String meter = h.bindMeter(CarrierPlatform.ONENET, "2050001", "Pwm01", "properties");

        HttpResponse<String> reply = h.onenet(Fixtures.read(Fixtures.ONENET_NOTIFY));

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(h.count("SELECT count(*) FROM carrier_inbox")).isEqualTo(1); // committed before the 200
        await().alias("reading written").atMost(WAIT).until(() ->
                h.count("SELECT count(*) FROM telemetry WHERE device_id = ?", meter) == 1);
        assertThat(h.count("SELECT total_liters::bigint FROM telemetry WHERE device_id = ?", meter)).isEqualTo(123456);
        assertThat(h.count("SELECT battery FROM device WHERE device_id = ?", meter)).isEqualTo(87);
        await().alias("reading announced").atMost(WAIT).until(() -> h.telemetryOnBus.size() == 1);
        assertThat(h.telemetryOnBus.get(0).deviceId()).isEqualTo(meter);
        assertThat(h.telemetryOnBus.get(0).msgId()).isEqualTo("onenet:1f3a9c-0002");
        assertThat(h.inboxState(CarrierPlatform.ONENET)).isEqualTo("DECODED");
    }

    @Test
    void aPushDecodedAgainAfterACrashBeforeItWasMarkedWritesNothingTwice() throws Exception {
        h = new CarrierHarness().start(true);
        String meter = h.bindMeter(CarrierPlatform.ONENET, "2050001", "Pwm01", "properties");
        h.onenet(Fixtures.read(Fixtures.ONENET_NOTIFY));
        await().alias("decoded once").atMost(WAIT).until(() -> "DECODED".equals(h.inboxState(CarrierPlatform.ONENET)));

        // as if the process died after the readings committed and before the row was marked decoded
        h.count("WITH r AS (UPDATE carrier_inbox SET state = 'PENDING' RETURNING 1) SELECT count(*) FROM r");
        h.nudge();

        await().alias("decoded again").atMost(WAIT).until(() -> "DECODED".equals(h.inboxState(CarrierPlatform.ONENET)));
        assertThat(h.count("SELECT count(*) FROM telemetry WHERE device_id = ?", meter)).isEqualTo(1);
        assertThat(h.telemetryOnBus).hasSize(1);
    }

    @Test
    void aPushWithAForgedSignatureIsRefusedAndNothingIsStored() throws Exception {
        h = new CarrierHarness().start(true);
        ObjectNode push = (ObjectNode) Json.MAPPER.readTree(Fixtures.read(Fixtures.ONENET_NOTIFY));
        push.put("msg", push.get("msg").asText().replace("123.456", "0.5"));

        HttpResponse<String> reply = h.onenet(push.toString());

        assertThat(reply.statusCode()).isEqualTo(403);
        assertThat(h.count("SELECT count(*) FROM carrier_inbox")).isZero();
        assertThat(h.metrics.pushes(CarrierPlatform.ONENET, CarrierMetrics.Outcome.FORGED)).isEqualTo(1);
    }

    @Test
    void aRetriedPushIsAnswered200AndMakesNoSecondInboxRowNorReading() throws Exception {
        h = new CarrierHarness().start(true);
        String meter = h.bindMeter(CarrierPlatform.CTWING, "15000002862592051651999", "15000002", "properties");
        String push = Fixtures.read(Fixtures.CTWING_PROPERTIES);

        assertThat(h.ctwing(push).statusCode()).isEqualTo(200);
        await().alias("first decoded").atMost(WAIT).until(() ->
                h.count("SELECT count(*) FROM telemetry WHERE device_id = ?", meter) == 1);
        assertThat(h.ctwing(push).statusCode()).isEqualTo(200);
        assertThat(h.onenet(Fixtures.read(Fixtures.ONENET_NOTIFY)).statusCode()).isEqualTo(200);
        assertThat(h.onenet(Fixtures.read(Fixtures.ONENET_NOTIFY)).statusCode()).isEqualTo(200);

        assertThat(h.count("SELECT count(*) FROM carrier_inbox WHERE platform = 'CTWING'")).isEqualTo(1);
        assertThat(h.count("SELECT count(*) FROM carrier_inbox WHERE platform = 'ONENET'")).isEqualTo(1);
        assertThat(h.metrics.pushes(CarrierPlatform.CTWING, CarrierMetrics.Outcome.DUPLICATE)).isEqualTo(1);
        assertThat(h.count("SELECT count(*) FROM telemetry WHERE device_id = ?", meter)).isEqualTo(1);
    }

    @Test
    void pushesArrivingTogetherAreCommittedTogetherAndOneTheDatabaseCannotStoreHoldsNoneBack() throws Exception {
        h = new CarrierHarness().start(false);
        java.util.List<java.util.concurrent.CompletableFuture<Integer>> good = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < 60; i++) {
                String push = "{\"messageType\":\"dataReport\",\"deviceId\":\"burst-" + i + "\",\"productId\":\"p\","
                        + "\"timestamp\":1796169600000,\"upPacketSN\":" + i + ",\"payload\":{\"total_flow\":1}}";
                good.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> status(push), senders));
            }
            // A NUL PostgreSQL cannot keep in text: only this push fails, and the platform will retry it.
            java.util.concurrent.CompletableFuture<Integer> poison = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> status("{\"messageType\":\"dataReport\",\"deviceId\":\"nul\u0000\",\"timestamp\":1,"
                            + "\"upPacketSN\":1}"), senders);

            assertThat(good).allSatisfy(f -> assertThat(f.get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(200));
            assertThat(poison.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(503);
        } finally {
            senders.shutdownNow();
        }
        assertThat(h.count("SELECT count(*) FROM carrier_inbox WHERE dedup_key LIKE 'burst-%'")).isEqualTo(60);
    }

    private int status(String body) {
        try {
            return h.ctwing(body).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCtwingPushOnAWrongSecretIs404AndFromOutsideTheAllowlist403() throws Exception {
        h = new CarrierHarness(CarrierConfig.of(0, Fixtures.ONENET_TOKEN, CarrierHarness.CTWING_SECRET)
                .withCtwingAllowedSources(Set.of("192.0.2.10"))).start(true);
        String push = Fixtures.read(Fixtures.CTWING_PROPERTIES);

        HttpResponse<String> wrongSecret = h.post("/carrier/ctwing/harness-ctwing-secret-0124", push);
        HttpResponse<String> noSecret = h.post("/carrier/ctwing/", push);
        HttpResponse<String> outside = h.ctwing(push);

        assertThat(wrongSecret.statusCode()).isEqualTo(404);
        assertThat(noSecret.statusCode()).isEqualTo(404);
        assertThat(outside.statusCode()).isEqualTo(403);
        assertThat(h.count("SELECT count(*) FROM carrier_inbox")).isZero();
    }

    @Test
    void aCj188AppdataPushDecodesAndABadChecksumIsRejectedCountedAndHoldsNothingBack() throws Exception {
        h = new CarrierHarness().start(true);
        String meter = h.bindMeter(CarrierPlatform.CTWING, "15000001862592051651472", "15000001", "cjt188");
        ObjectNode bad = (ObjectNode) Json.MAPPER.readTree(Fixtures.read(Fixtures.CTWING_CJ188));
        byte[] frame = FrozenFrames.cjt188(12346, 0);
        frame[frame.length - 2]++;
        bad.put("upPacketSN", 7).put("timestamp", 1796169000000L);
        ((ObjectNode) bad.get("payload")).put("APPdata", FrozenFrames.base64(frame));

        assertThat(h.ctwing(bad.toString()).statusCode()).isEqualTo(200);
        assertThat(h.ctwing(Fixtures.read(Fixtures.CTWING_CJ188)).statusCode()).isEqualTo(200);

        await().alias("good frame decoded").atMost(WAIT).until(() ->
                h.count("SELECT count(*) FROM telemetry WHERE device_id = ?", meter) == 1);
        assertThat(h.count("SELECT total_liters::bigint FROM telemetry WHERE device_id = ?", meter)).isEqualTo(123460);
        assertThat(h.count("SELECT count(*) FROM carrier_inbox WHERE state = 'REJECTED' AND reason = ?",
                DecodeException.BAD_CHECKSUM)).isEqualTo(1);
        assertThat(h.metrics.rejected(DecodeException.BAD_CHECKSUM)).isEqualTo(1);
    }

    @Test
    void twoCumulativeOnlyReadingsMakeTheUseBetweenThemAnInterval() throws Exception {
        h = new CarrierHarness().start(true);
        String meter = h.bindMeter(CarrierPlatform.CTWING, "15000001862592051651472", "15000001", "cjt188");
        ObjectNode earlier = (ObjectNode) Json.MAPPER.readTree(Fixtures.read(Fixtures.CTWING_CJ188));
        earlier.put("upPacketSN", 3).put("timestamp", 1796169600000L - 24 * 3600 * 1000L);
        ((ObjectNode) earlier.get("payload")).put("APPdata", FrozenFrames.base64(FrozenFrames.cjt188(12300, 0)));

        h.ctwing(earlier.toString());
        await().alias("first reading").atMost(WAIT).until(() ->
                h.count("SELECT count(*) FROM telemetry WHERE device_id = ?", meter) == 1);
        h.ctwing(Fixtures.read(Fixtures.CTWING_CJ188)); // 123.46 m³ a day later

        await().alias("use between the readings").atMost(WAIT).until(() ->
                h.count("SELECT count(*) FROM water_use WHERE device_id = ?", meter) == 1);
        assertThat(h.count("SELECT liters::bigint FROM water_use WHERE device_id = ?", meter)).isEqualTo(460);
        assertThat(h.count("SELECT extract(epoch FROM end_ts - start_ts)::bigint FROM water_use WHERE device_id = ?",
                meter)).isEqualTo(24 * 3600);
    }

    @Test
    void aFrozenIntervalPushBecomesWaterUseIntervals() throws Exception {
        h = new CarrierHarness().start(true);
        String meter = h.bindMeter(CarrierPlatform.CTWING, "15000003000000000000001", "15000003", "frozen-intervals");
        Instant start = Instant.ofEpochMilli(1796169600000L).minusSeconds(24 * 3600);
        int[] day = new int[96];
        day[30] = 52;
        day[31] = 18;
        ObjectNode push = (ObjectNode) Json.MAPPER.readTree(Fixtures.read(Fixtures.CTWING_CJ188));
        push.put("deviceId", "15000003000000000000001").put("productId", "15000003");
        ((ObjectNode) push.get("payload")).put("APPdata",
                FrozenFrames.base64(FrozenFrames.frame(start, 15, day, 1234567, 90, -88)));

        assertThat(h.ctwing(push.toString()).statusCode()).isEqualTo(200);

        await().alias("intervals written").atMost(WAIT).until(() ->
                h.count("SELECT count(*) FROM water_use WHERE device_id = ?", meter) == 96);
        assertThat(h.count("SELECT round(sum(liters) * 10)::bigint FROM water_use WHERE device_id = ?", meter))
                .isEqualTo(70);
    }

    @Test
    void anUnboundIdentityIsParkedAndListedAndDecodedOnceBound() throws Exception {
        h = new CarrierHarness().start(true);
        String push = Fixtures.read(Fixtures.CTWING_PROPERTIES);
        ObjectNode second = (ObjectNode) Json.MAPPER.readTree(push);
        second.put("upPacketSN", 13).put("timestamp", 1796170500000L);

        h.ctwing(push);
        h.ctwing(second.toString());

        await().alias("identity listed as unbound").atMost(WAIT).until(() ->
                h.carrier.unbound(CarrierPlatform.CTWING, "15000002862592051651999").map(u -> u.seenCount())
                        .orElse(0) == 2);
        assertThat(h.carrier.unbound(CarrierPlatform.CTWING, "15000002862592051651999").orElseThrow().imei())
                .isEqualTo("862592051651999");
        assertThat(h.count("SELECT count(*) FROM telemetry")).isZero();

        String meter = h.bindMeter(CarrierPlatform.CTWING, "15000002862592051651999", "15000002", "properties");
        h.nudge();

        await().alias("parked pushes decoded").atMost(WAIT).until(() ->
                h.count("SELECT count(*) FROM telemetry WHERE device_id = ?", meter) == 2);
        assertThat(h.carrier.unbound(CarrierPlatform.CTWING, "15000002862592051651999")).isEmpty();
    }

    @Test
    void lifecycleMessagesBecomeDeviceStatus() throws Exception {
        h = new CarrierHarness().start(true);
        String onenetMeter = h.bindMeter(CarrierPlatform.ONENET, "2050001", "Pwm01", "properties");
        String ctwingMeter = h.bindMeter(CarrierPlatform.CTWING, "15000001862592051651472", "15000001", "cjt188");

        h.onenet(Fixtures.read(Fixtures.ONENET_LIFECYCLE));
        h.ctwing(Fixtures.read(Fixtures.CTWING_ONLINE_OFFLINE));

        await().alias("statuses recorded").atMost(WAIT).until(() ->
                h.count("SELECT count(*) FROM device WHERE device_id = ? AND online", onenetMeter) == 1
                        && h.count("SELECT count(*) FROM device WHERE device_id = ? AND NOT online", ctwingMeter) == 1);
        await().alias("statuses announced").atMost(WAIT).until(() -> h.statusesOnBus.size() == 2);
        assertThat(h.statusesOnBus).anySatisfy(s -> {
            assertThat(s.deviceId()).isEqualTo(onenetMeter);
            assertThat(s.online()).isTrue();
        });
    }

    @Test
    void anAcknowledgedPushSurvivesARestartBeforeItWasDecoded() throws Exception {
        h = new CarrierHarness().start(false);
        String meter = h.bindMeter(CarrierPlatform.ONENET, "2050001", "Pwm01", "properties");
        assertThat(h.onenet(Fixtures.read(Fixtures.ONENET_NOTIFY)).statusCode()).isEqualTo(200);
        assertThat(h.inboxState(CarrierPlatform.ONENET)).isEqualTo("PENDING");

        h.stop();
        h.start(true);

        await().alias("decoded after the restart").atMost(WAIT).until(() ->
                h.count("SELECT count(*) FROM telemetry WHERE device_id = ?", meter) == 1);
        assertThat(h.inboxState(CarrierPlatform.ONENET)).isEqualTo("DECODED");
    }

    @Test
    void badInputIsAnsweredAsThePlatformsNeedAndNeverStopsTheNextPush() throws Exception {
        h = new CarrierHarness().start(true);
        String meter = h.bindMeter(CarrierPlatform.CTWING, "15000002862592051651999", "15000002", "properties");

        HttpResponse<String> malformed = h.ctwing("{not json");
        HttpResponse<String> unknownType = h.ctwing("{\"messageType\":\"somethingNew\",\"deviceId\":\"x\","
                + "\"timestamp\":1796169600000}");
        HttpResponse<String> oversize = h.ctwing("{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
        HttpResponse<String> unreadableOnenet = h.onenet("[]");
        HttpResponse<String> good = h.ctwing(Fixtures.read(Fixtures.CTWING_PROPERTIES));

        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThat(unknownType.statusCode()).isEqualTo(200);
        assertThat(oversize.statusCode()).isEqualTo(413);
        assertThat(unreadableOnenet.statusCode()).isEqualTo(400);
        assertThat(good.statusCode()).isEqualTo(200);
        await().alias("good push decoded after the bad ones").atMost(WAIT).until(() ->
                h.count("SELECT count(*) FROM telemetry WHERE device_id = ?", meter) == 1);
        await().alias("bad pushes rejected with their reasons").atMost(WAIT).until(() ->
                h.metrics.rejected(DecodeException.MALFORMED_JSON) == 1
                        && h.metrics.rejected(DecodeException.UNKNOWN_MESSAGE_TYPE) == 1);
        assertThat(h.count("SELECT count(*) FROM carrier_inbox WHERE state = 'REJECTED'")).isEqualTo(2);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
