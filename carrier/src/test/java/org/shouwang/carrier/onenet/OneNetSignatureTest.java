package org.shouwang.carrier.onenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.shouwang.carrier.Fixtures;
import org.shouwang.carrier.decode.DecodeException;
import org.shouwang.model.Json;

/** OneNET's signature base64(md5(token + nonce + msg)) and the safe-mode cipher. */
class OneNetSignatureTest {

    private final OneNetSignature signature = new OneNetSignature(Fixtures.ONENET_TOKEN);

    @Test
    void theRecordedPushesVerifyUnderTheDemoToken() throws Exception {
        for (String name : new String[] {Fixtures.ONENET_NOTIFY, Fixtures.ONENET_LIFECYCLE}) {
            JsonNode push = Json.MAPPER.readTree(Fixtures.read(name));
            assertThat(signature.verify(push.get("nonce").asText(), push.get("msg").asText(),
                    push.get("signature").asText())).as(name).isTrue();
        }
    }

    @Test
    void aChangedMsgNonceOrTokenDoesNotVerify() throws Exception {
        JsonNode push = Json.MAPPER.readTree(Fixtures.read(Fixtures.ONENET_NOTIFY));
        String msg = push.get("msg").asText();
        String nonce = push.get("nonce").asText();
        String sig = push.get("signature").asText();

        assertThat(signature.verify(nonce, msg.replace("123.456", "0.001"), sig)).isFalse();
        assertThat(signature.verify("a1B2c3D5", msg, sig)).isFalse();
        assertThat(new OneNetSignature("another-token").verify(nonce, msg, sig)).isFalse();
        assertThat(signature.verify(nonce, msg, null)).isFalse();
    }

    @Test
    void aPlusThatArrivedAsASpaceInAQueryStringStillVerifies() {
        String sig = signature.sign("n0nce123", "hello");
        String mangled = sig.replace('+', ' ');

        assertThat(signature.verify("n0nce123", "hello", mangled)).isTrue();
    }

    @Test
    void safeModeDecryptsWhatOneNetEncryptedAndRefusesOtherCiphertext() throws Exception {
        OneNetCipher cipher = new OneNetCipher("0123456789abcdef");
        String sealed = cipher.encrypt("{\"messageType\":\"lifeCycle\"}");

        assertThat(cipher.decrypt(sealed)).isEqualTo("{\"messageType\":\"lifeCycle\"}");
        assertThatThrownBy(() -> new OneNetCipher("fedcba9876543210").decrypt(sealed))
                .isInstanceOf(DecodeException.class).extracting("reason").isEqualTo(DecodeException.BAD_CIPHERTEXT);
        assertThatThrownBy(() -> cipher.decrypt("not base64!"))
                .isInstanceOf(DecodeException.class).extracting("reason").isEqualTo(DecodeException.BAD_BASE64);
    }
}
