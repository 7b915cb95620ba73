package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.db.NotificationChannel.SMS;
import static org.shouwang.db.NotificationChannel.VOICE;

import org.junit.jupiter.api.Test;

class DeliveryStatusTest {

    @Test
    void unansweredBusyFailedAndUndeliveredMeanNotReached() {
        assertThat(DeliveryStatus.failed("no-answer")).isTrue();
        assertThat(DeliveryStatus.failed("busy")).isTrue();
        assertThat(DeliveryStatus.failed("failed")).isTrue();
        assertThat(DeliveryStatus.failed("undelivered")).isTrue();
        assertThat(DeliveryStatus.failed("ringing")).isFalse();
        assertThat(DeliveryStatus.failed("delivered")).isFalse();
    }

    @Test
    void deliveredAndAnsweredMeanReached() {
        assertThat(DeliveryStatus.reached("delivered")).isTrue();
        assertThat(DeliveryStatus.reached("in-progress")).isTrue();
        assertThat(DeliveryStatus.reached("completed")).isTrue();
        assertThat(DeliveryStatus.reached("sent")).isFalse();
        assertThat(DeliveryStatus.reached("queued")).isFalse();
    }

    @Test
    void finalReportIsNotOverwrittenByALateProgressReport() {
        assertThat(DeliveryStatus.mayReplace(null)).isTrue();
        assertThat(DeliveryStatus.mayReplace("sent")).isTrue();
        assertThat(DeliveryStatus.mayReplace("ringing")).isTrue();
        assertThat(DeliveryStatus.mayReplace("delivered")).isFalse();
        assertThat(DeliveryStatus.mayReplace("no-answer")).isFalse();
    }

    @Test
    void statusIsNormalisedPerChannelAndUnknownOnesAreDropped() {
        assertThat(DeliveryStatus.normalise(" Delivered ", SMS)).isEqualTo("delivered");
        assertThat(DeliveryStatus.normalise("no-answer", VOICE)).isEqualTo("no-answer");
        assertThat(DeliveryStatus.normalise("ringing", SMS)).isNull();
        assertThat(DeliveryStatus.normalise("<script>", VOICE)).isNull();
        assertThat(DeliveryStatus.normalise(null, VOICE)).isNull();
    }

    @Test
    void timelineSaysItInChinese() {
        assertThat(DeliveryStatus.label(SMS, "delivered")).isEqualTo("已送达");
        assertThat(DeliveryStatus.label(VOICE, "no-answer")).isEqualTo("无人接听");
    }
}
