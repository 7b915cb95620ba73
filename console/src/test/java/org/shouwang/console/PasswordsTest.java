package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Argon2id hashes in PHC form: salted, verifiable, self-describing, and refusing what is malformed. */
class PasswordsTest {

    @Test
    void hashIsArgon2idWithTodaysParametersAndVerifiesOnlyTheRightPassword() {
        String hash = Passwords.hash("correct-horse-42");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(Passwords.verify("correct-horse-42", hash)).isTrue();
        assertThat(Passwords.verify("correct-horse-43", hash)).isFalse();
        assertThat(Passwords.needsRehash(hash)).isFalse();
    }

    @Test
    void samePasswordHashesDifferentlyEachTimeThanksToTheSalt() {
        assertThat(Passwords.hash("correct-horse-42")).isNotEqualTo(Passwords.hash("correct-horse-42"));
    }

    @Test
    void olderWeakerParametersStillVerifyButAskForARehash() {
        // Produced with m=1024,t=1: a hash from before the parameters were raised.
        String weak = weakHash("old-password-1");

        assertThat(Passwords.verify("old-password-1", weak)).isTrue();
        assertThat(Passwords.needsRehash(weak)).isTrue();
    }

    @Test
    void malformedOrMissingHashNeverVerifies() {
        assertThat(Passwords.verify("x", null)).isFalse();
        assertThat(Passwords.verify("x", "plain-text")).isFalse();
        assertThat(Passwords.verify("x", "$argon2i$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA")).isFalse();
        assertThat(Passwords.verify(null, Passwords.hash("correct-horse-42"))).isFalse();
    }

    @Test
    void weakPasswordsAreNamedInChinese() {
        assertThat(Passwords.weakness("short")).contains("至少需要 10 个字符");
        assertThat(Passwords.weakness("aaaaaaaaaaaa")).contains("过于简单");
        assertThat(Passwords.weakness("x".repeat(129))).contains("不能超过");
        assertThat(Passwords.weakness("correct-horse-42")).isNull();
    }

    private static String weakHash(String password) {
        String strong = Passwords.hash(password);
        String salt = strong.split("\\$")[4];
        byte[] out = new byte[32];
        org.bouncycastle.crypto.generators.Argon2BytesGenerator g = new org.bouncycastle.crypto.generators.Argon2BytesGenerator();
        g.init(new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(1024).withIterations(1).withParallelism(1)
                .withSalt(java.util.Base64.getDecoder().decode(salt)).build());
        g.generateBytes(password.getBytes(java.nio.charset.StandardCharsets.UTF_8), out);
        return "$argon2id$v=19$m=1024,t=1,p=1$" + salt + "$" + java.util.Base64.getEncoder().withoutPadding().encodeToString(out);
    }
}
