package org.shouwang.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void parsesDeviceAndChannelFromTopic() {
        assertThat(Topics.parse("shouwang/v1/btn-0001/event"))
                .contains(new Topics.Address("btn-0001", Topics.Channel.EVENT));
        assertThat(Topics.of("m-7", Topics.Channel.TELEMETRY)).isEqualTo("shouwang/v1/m-7/telemetry");
    }

    @Test
    void refusesTopicsOutsideTheContract() {
        assertThat(Topics.parse("shouwang/v2/btn/event")).isEmpty();
        assertThat(Topics.parse("shouwang/v1/btn/unknown")).isEmpty();
        assertThat(Topics.parse("shouwang/v1/a/b/event")).isEmpty();
        assertThat(Topics.parse("shouwang/v1//event")).isEmpty();
    }
}
