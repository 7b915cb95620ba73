package org.shouwang.carrier.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.shouwang.carrier.Fixtures;
import org.shouwang.carrier.ctwing.CtwingPush;
import org.shouwang.carrier.onenet.OneNetPush;
import org.shouwang.model.CarrierPlatform;
import org.shouwang.model.Json;

/** The three decoders (property JSON, CJ/T 188 901FH, frozen intervals) on recorded and built payloads. */
class DecodersTest {

    private static final Instant T = Instant.ofEpochMilli(1796169600000L);
    private final Decoders decoders = Decoders.standard();

    @Test
    void theCtwingPropertyFixtureDecodesToLitresBatteryAndSignal() throws Exception {
        CarrierMessage m = new CtwingPush().read(Fixtures.read(Fixtures.CTWING_PROPERTIES), "k");

        ObjectNode r = decoders.find("properties").orElseThrow().decode(m, PropertyMap.DEFAULTS);

        assertThat(r.get("totalLiters").asDouble()).isEqualTo(123456.0);
        assertThat(r.get("battery").asInt()).isEqualTo(87);
        assertThat(r.get("rssi").asInt()).isEqualTo(-85);
        assertThat(m.ts()).isEqualTo(T);
        assertThat(m.imei()).isEqualTo("862592051651999");
    }

    @Test
    void theOnenetNotifyFixtureDecodesWithItsParamsFlattened() throws Exception {
        CarrierMessage m = new OneNetPush(null).read(Fixtures.read(Fixtures.ONENET_NOTIFY), "1f3a9c-0002");

        ObjectNode r = decoders.find("properties").orElseThrow().decode(m, PropertyMap.DEFAULTS);

        assertThat(m.carrierDeviceId()).isEqualTo("2050001");
        assertThat(m.ts()).isEqualTo(T);
        assertThat(r.get("totalLiters").asDouble()).isEqualTo(123456.0);
        assertThat(r.get("battery").asInt()).isEqualTo(87);
    }

    @Test
    void aConfiguredPropertyMapRenamesAndScalesAndCarriesIntervals() throws Exception {
        PropertyMap map = PropertyMap.parse("{\"totalLiters\": {\"name\": \"vol_l\", \"scale\": 1},"
                + " \"intervals\": {\"name\": \"frozen\", \"scale\": 0.1}, \"flowLpm\": \"q\"}");
        JsonNode props = Json.MAPPER.readTree("{\"vol_l\": \"900.5\", \"q\": 0.0, \"frozen\": [{\"start\": "
                + T.toEpochMilli() + ", \"end\": \"2026-12-02T16:15:00Z\", \"liters\": 32}]}");
        CarrierMessage m = new CarrierMessage(CarrierPlatform.CTWING, "p", "d", null, CarrierMessage.Type.DATA, T,
                props, null, "k");

        ObjectNode r = decoders.find("properties").orElseThrow().decode(m, map);

        assertThat(r.get("totalLiters").asDouble()).isEqualTo(900.5);
        assertThat(r.get("flowLpm").asDouble()).isEqualTo(0.0);
        assertThat(r.get("intervals").get(0).get("start").asText()).isEqualTo(T.toString());
        assertThat(r.get("intervals").get(0).get("liters").asDouble()).isEqualTo(3.2);
    }

    @Test
    void aPropertyMapWithAnUnknownFieldIsRefused() {
        assertThatThrownBy(() -> PropertyMap.parse("{\"litres\": \"x\"}")).hasMessageContaining("unknown field litres");
    }

    @Test
    void theCj188FixtureReadsAsItsCumulativeFlow() throws Exception {
        CarrierMessage m = new CtwingPush().read(Fixtures.read(Fixtures.CTWING_CJ188), "k");

        ObjectNode r = decoders.find("cjt188").orElseThrow().decode(m, PropertyMap.DEFAULTS);

        assertThat(r.get("totalLiters").asDouble()).isEqualTo(123460.0); // 123.46 m³
        assertThat(r.has("battery")).isFalse();
    }

    @Test
    void aCj188FrameWithTheBatteryLowBitReadsAsALowBattery() throws Exception {
        ObjectNode r = cj188(FrozenFrames.cjt188(50, 0x04));

        assertThat(r.get("totalLiters").asDouble()).isEqualTo(500.0);
        assertThat(r.get("battery").asInt()).isEqualTo(10);
    }

    @Test
    void aCj188FrameWithABadChecksumIsRefusedAsSuch() {
        byte[] frame = FrozenFrames.cjt188(12346, 0);
        frame[frame.length - 2]++;

        assertThatThrownBy(() -> cj188(frame)).isInstanceOf(DecodeException.class)
                .extracting("reason").isEqualTo(DecodeException.BAD_CHECKSUM);
    }

    @Test
    void aCj188FrameWithAWrongLengthOrControlCodeIsABadFrame() {
        byte[] frame = FrozenFrames.cjt188(12346, 0);
        byte[] shortened = java.util.Arrays.copyOf(frame, frame.length - 3);
        byte[] request = frame.clone();
        request[9] = 0x01;

        assertThatThrownBy(() -> cj188(shortened)).extracting("reason").isEqualTo(DecodeException.BAD_FRAME);
        assertThatThrownBy(() -> cj188(request)).extracting("reason").isEqualTo(DecodeException.BAD_FRAME);
    }

    @Test
    void aFrozenIntervalFrameBecomesItsIntervalsEndingAtTheLastOne() throws Exception {
        byte[] raw = FrozenFrames.frame(T, 15, new int[] {0, 32, 0xFFFF, 5}, 1234567, 88, -90);
        CarrierMessage m = new CarrierMessage(CarrierPlatform.CTWING, "p", "d", null, CarrierMessage.Type.DATA, T,
                Json.MAPPER.createObjectNode(), raw, "k");

        ObjectNode r = decoders.find("frozen-intervals").orElseThrow().decode(m, PropertyMap.DEFAULTS);

        assertThat(r.get("intervals")).hasSize(3);
        assertThat(r.get("intervals").get(1).get("liters").asDouble()).isEqualTo(3.2);
        assertThat(r.get("intervals").get(2).get("start").asText()).isEqualTo(T.plusSeconds(45 * 60).toString());
        assertThat(r.get("ts").asText()).isEqualTo(T.plusSeconds(60 * 60).toString());
        assertThat(r.get("totalLiters").asDouble()).isEqualTo(123456.7);
        assertThat(r.get("battery").asInt()).isEqualTo(88);
        assertThat(r.get("rssi").asInt()).isEqualTo(-90);
    }

    @Test
    void aFrozenIntervalFrameWithABadChecksumOrCountIsRefused() {
        byte[] raw = FrozenFrames.frame(T, 15, new int[] {1, 2}, -1, 0xFF, 0x7F);
        byte[] badSum = raw.clone();
        badSum[badSum.length - 1]++;
        byte[] badCount = raw.clone();
        badCount[9] = 3;

        assertThatThrownBy(() -> frozen(badSum)).extracting("reason").isEqualTo(DecodeException.BAD_CHECKSUM);
        assertThatThrownBy(() -> frozen(badCount)).extracting("reason").isEqualTo(DecodeException.BAD_FRAME);
    }

    @Test
    void aDecoderNameNoDecoderHasFindsNone() {
        assertThat(decoders.find("cjt-188")).isEmpty();
        assertThat(decoders.find(null)).isEmpty();
    }

    private ObjectNode cj188(byte[] frame) throws DecodeException {
        JsonNode props = Json.MAPPER.createObjectNode().put("APPdata", Base64.getEncoder().encodeToString(frame));
        CarrierMessage m = new CarrierMessage(CarrierPlatform.ONENET, "p", "d", null, CarrierMessage.Type.DATA, T,
                props, null, "k");
        return decoders.find("cjt188").orElseThrow().decode(m, PropertyMap.DEFAULTS);
    }

    private ObjectNode frozen(byte[] raw) throws DecodeException {
        CarrierMessage m = new CarrierMessage(CarrierPlatform.CTWING, "p", "d", null, CarrierMessage.Type.DATA, T,
                Json.MAPPER.createObjectNode(), raw, "k");
        return decoders.find("frozen-intervals").orElseThrow().decode(m, PropertyMap.DEFAULTS);
    }
}
