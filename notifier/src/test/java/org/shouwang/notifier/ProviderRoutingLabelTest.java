package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the console says beside a number: which provider pages it, and what that provider cannot do there. */
class ProviderRoutingLabelTest {

    @Test
    void byNumberSendsMainlandNumbersThroughAlibabaAndOthersThroughTwilio() {
        assertThat(ProviderRouting.label(ProviderRouting.Mode.BY_NUMBER, "13800001111")).isEqualTo("阿里云");
        assertThat(ProviderRouting.label(ProviderRouting.Mode.BY_NUMBER, "+8613800001111")).isEqualTo("阿里云");
        assertThat(ProviderRouting.label(ProviderRouting.Mode.BY_NUMBER, "+447700900123")).isEqualTo("Twilio");
    }

    @Test
    void aForcedProviderSaysWhatItCannotReach() {
        assertThat(ProviderRouting.label(ProviderRouting.Mode.DOMESTIC, "+447700900123")).isEqualTo("阿里云（不能送达境外号码）");
        assertThat(ProviderRouting.label(ProviderRouting.Mode.INTERNATIONAL, "13800001111"))
                .isEqualTo("Twilio（境内号码：仅单向短信，不能语音呼叫）");
        assertThat(ProviderRouting.label(ProviderRouting.Mode.INTERNATIONAL, "+447700900123")).isEqualTo("Twilio");
    }

    @Test
    void aTwilioOnlySiteIsToldThatMainlandNumbersGetNoCalls() {
        assertThat(ProviderRouting.twilioLabel("13800001111")).contains("不能语音呼叫");
        assertThat(ProviderRouting.twilioLabel("+447700900123")).isEqualTo("Twilio");
    }
}
