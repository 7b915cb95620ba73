package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tokens for sessions and CSRF: random, hashed for storage, compared in constant time. */
class AuthenticatorTest {

    @Test
    void tokensAreRandomUrlSafeAndComparedExactly() {
        String a = Tokens.random();
        String b = Tokens.random();

        assertThat(a).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(b);
        assertThat(Tokens.same(a, a)).isTrue();
        assertThat(Tokens.same(a, b)).isFalse();
        assertThat(Tokens.same(a, null)).isFalse();
        assertThat(Tokens.sha256(a)).hasSize(32).isEqualTo(Tokens.sha256(a)).isNotEqualTo(Tokens.sha256(b));
    }
}
