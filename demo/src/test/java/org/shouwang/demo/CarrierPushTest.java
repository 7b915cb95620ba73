package org.shouwang.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shouwang.carrier.onenet.OneNetSignature;
import org.shouwang.model.Json;
import org.shouwang.sim.CarrierPush;

/**
 * The carrier simulator (device-sim) and the listener's check (carrier) are written apart: a push the one signs
 * must verify at the other, and both compute the same signature for the same nonce and message.
 */
class CarrierPushTest {

    @Test
    void aOnenetPushTheSimulatorSignsVerifiesAtTheListenerAndATamperedOneDoesNot() throws Exception {
        String msg = CarrierPush.oneNetProperties("Pwm01", "2050001", "862592051651472", Map.of("totalFlow", 1.5),
                1_796_169_600_000L);
        JsonNode envelope = Json.MAPPER.readTree(CarrierPush.oneNetEnvelope("shouwang-demo-onenet", "m-1", msg,
                1_796_169_600_000L));
        OneNetSignature listener = new OneNetSignature("shouwang-demo-onenet");

        assertThat(envelope.get("nonce").asText()).hasSize(8);
        assertThat(listener.verify(envelope.get("nonce").asText(), envelope.get("msg").asText(),
                envelope.get("signature").asText())).isTrue();
        assertThat(listener.verify(envelope.get("nonce").asText(), envelope.get("msg").asText().replace("1.5", "9.5"),
                envelope.get("signature").asText())).isFalse();
        assertThat(new OneNetSignature("another-token").verify(envelope.get("nonce").asText(),
                envelope.get("msg").asText(), envelope.get("signature").asText())).isFalse();
    }

    @Test
    void bothSidesComputeTheSameSignature() {
        String msg = "{\"productId\":\"Pwm01\"}";
        String nonce = "a1B2c3D4";
        assertThat(CarrierPush.oneNetSignature("shouwang-demo-onenet", nonce, msg))
                .isEqualTo(new OneNetSignature("shouwang-demo-onenet").sign(nonce, msg));
    }
}
