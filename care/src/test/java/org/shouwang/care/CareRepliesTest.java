package org.shouwang.care;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CareRepliesTest {

    @Test
    void fullWidthDigitsAndBlanksAreReadAsTheCode() {
        assertThat(CareReplies.normalise("０")).isEqualTo("0");
        assertThat(CareReplies.normalise(" ０２ ")).isEqualTo("02");
        assertThat(CareReplies.normalise("0\u30001")).isEqualTo("01");
        assertThat(CareReplies.normalise(null)).isEmpty();
    }
}
