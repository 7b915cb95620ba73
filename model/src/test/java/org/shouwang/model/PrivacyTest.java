package org.shouwang.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrivacyTest {

    @Test
    void masksIdNumbersPhonesAndAddresses() {
        assertThat(Privacy.maskIdNumber("32050219400101123X")).isEqualTo("320502********123X");
        assertThat(Privacy.maskPhone("13812345678")).isEqualTo("138****5678");
        assertThat(Privacy.maskPhone("0512-65221234")).isEqualTo("********1234");
        assertThat(Privacy.maskAddress("平江街道大儒巷12号301室")).isEqualTo("平江街道大儒****");
    }
}
