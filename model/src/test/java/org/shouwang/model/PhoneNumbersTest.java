package org.shouwang.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "13812345678, +8613812345678",
        "138 1234 5678, +8613812345678",
        "+86 138-1234-5678, +8613812345678",
        "008613812345678, +8613812345678",
        "8613812345678, +8613812345678",
        "0512-65221234, +8651265221234",
        "+14155550100, +14155550100",
    })
    void writesMainlandNumbersInE164(String written, String e164) {
        assertThat(PhoneNumbers.toE164(written)).isEqualTo(e164);
    }
}
