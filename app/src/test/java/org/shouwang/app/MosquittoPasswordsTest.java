package org.shouwang.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Password hashes in the format of Mosquitto 2.0's password file. */
class MosquittoPasswordsTest {

    @Test
    void hashesAsMosquittoPasswdDoes() {
        // The $7$ layout: iterations, Base64 salt, Base64 64-byte key; MosquittoAuthExportIT logs in with one.
        byte[] salt = "0123456789ab".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        String hash = MosquittoPasswords.hash("secret", salt);

        assertThat(hash).startsWith("$7$101$MDEyMzQ1Njc4OWFi$").hasSize(3 + 4 + 17 + 88);
        assertThat(MosquittoPasswords.hash("secret", salt)).isEqualTo(hash);
        assertThat(MosquittoPasswords.hash("secret")).isNotEqualTo(MosquittoPasswords.hash("secret"));
    }

    @Test
    void generatedPasswordsAreLongAndUnambiguous() {
        String p = MosquittoPasswords.generate(20);

        assertThat(p).hasSize(20).matches("[a-km-zA-HJ-NP-Z2-9]+");
        assertThat(MosquittoPasswords.generate(20)).isNotEqualTo(p);
    }
}
