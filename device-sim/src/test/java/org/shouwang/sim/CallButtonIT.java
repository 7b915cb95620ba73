package org.shouwang.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.PrivateMosquitto;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.Json;
import org.shouwang.model.Topics;

/** A simulated call button on a real broker, seen by a plain MQTT subscriber. */
class CallButtonIT {

    private static final Instant NOW = Instant.parse("2025-03-01T23:15:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final String id = "btn-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String url = TestServices.mqttUrl();

    @AfterEach
    void clearRetainedStatus() throws Exception {
        TopicRecorder.clearRetained(url, Topics.of(id, Topics.Channel.STATUS));
    }

    /**
     * A device whose broker went away (a restart, a cluster node lost) connects again and sends the press it was
     * asked to send, as a QoS 1 device does; before, the simulator gave up with "cannot publish".
     */
    @Test
    void aPressAfterTheBrokerWentAwayAndCameBackReconnectsAndIsDelivered() throws Exception {
        try (PrivateMosquitto broker = PrivateMosquitto.recommended()) {
            broker.start();
            try (CallButton button = new CallButton(broker.url(), id, clock)) {
                button.connect();
                broker.restart();
                try (TopicRecorder recorder = new TopicRecorder(broker.url(), Topics.of(id, Topics.Channel.EVENT))) {
                    String msgId = button.press();

                    await().alias("the press delivered on the new connection").atMost(Duration.ofSeconds(10))
                            .until(() -> recorder.received().size() == 1);
                    assertThat(Json.MAPPER.readTree(recorder.received().get(0).body()).get("msgId").asText())
                            .isEqualTo(msgId);
                    assertThat(button.isConnected()).isTrue();
                }
            }
        }
    }

    @Test
    void pressPublishesAButtonEventAtQos1WithTheContractFields() throws Exception {
        try (CallButton button = new CallButton(url, id, clock);
             TopicRecorder recorder = new TopicRecorder(url, Topics.of(id, Topics.Channel.EVENT))) {
            button.connect();
            button.battery(81);

            String msgId = button.press();

            await().alias("button event delivered").atMost(Duration.ofSeconds(5))
                    .until(() -> recorder.received().size() == 1);
            TopicRecorder.Received got = recorder.received().get(0);
            assertThat(got.topic()).isEqualTo("shouwang/v1/" + id + "/event");
            assertThat(got.qos()).isEqualTo(1);
            JsonNode json = Json.MAPPER.readTree(got.body());
            assertThat(json.get("v").asInt()).isEqualTo(1);
            assertThat(json.get("msgId").asText()).isEqualTo(msgId);
            assertThat(json.get("ts").asText()).isEqualTo("2025-03-02T07:15:00+08:00");
            assertThat(json.get("kind").asText()).isEqualTo("button");
            assertThat(json.get("action").asText()).isEqualTo("press");
            assertThat(json.get("battery").asInt()).isEqualTo(81);
        }
    }

    @Test
    void eachPressHasItsOwnMessageIdAndResendRepeatsTheSameBytes() throws Exception {
        try (CallButton button = new CallButton(url, id, clock);
             TopicRecorder recorder = new TopicRecorder(url, Topics.of(id, Topics.Channel.EVENT))) {
            button.connect();

            String first = button.press();
            String second = button.cancel();
            button.resend(button.lastMessage());
            String chosen = button.press("chosen-1");

            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.received().size() == 4);
            assertThat(first).isNotEqualTo(second);
            assertThat(chosen).isEqualTo("chosen-1");
            assertThat(recorder.received().get(2).body()).isEqualTo(recorder.received().get(1).body());
            assertThat(recorder.received()).extracting(r -> Json.MAPPER.readTree(r.body()).get("msgId").asText())
                    .containsExactly(first, second, second, "chosen-1");
        }
    }

    @Test
    void connectLeavesARetainedOnlineAndCloseARetainedOffline() throws Exception {
        String status = Topics.of(id, Topics.Channel.STATUS);
        CallButton button = new CallButton(url, id, clock);
        button.connect();

        // Subscribing after the device connected: only a retained message can reach us.
        try (TopicRecorder late = new TopicRecorder(url, status)) {
            await().alias("retained online").atMost(Duration.ofSeconds(5)).until(() -> late.on(status).size() == 1);
            assertRetained(late.on(status).get(0), "online");

            button.close();

            await().alias("offline on close").atMost(Duration.ofSeconds(5)).until(() -> late.on(status).size() == 2);
            assertThat(late.on(status).get(1).body()).isEqualTo("offline");
        }
        try (TopicRecorder after = new TopicRecorder(url, status)) {
            await().alias("retained offline").atMost(Duration.ofSeconds(5)).until(() -> after.on(status).size() == 1);
            assertRetained(after.on(status).get(0), "offline");
        }
    }

    @Test
    void aCrashedButtonIsAnnouncedOfflineByItsWill() throws Exception {
        String status = Topics.of(id, Topics.Channel.STATUS);
        CallButton button = new CallButton(url, id, clock);
        button.connect();
        try (TopicRecorder recorder = new TopicRecorder(url, status)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.on(status).size() == 1);

            button.crash();

            await().alias("Will published").atMost(Duration.ofSeconds(5)).until(() -> recorder.on(status).size() == 2);
            assertThat(recorder.on(status).get(1).body()).isEqualTo("offline");
        }
        if (TestServices.mqttIsEmbedded()) {
            return; // Moquette 0.17 publishes the Will but ignores its retain flag; Mosquitto keeps it.
        }
        try (TopicRecorder after = new TopicRecorder(url, status)) {
            await().alias("Will retained").atMost(Duration.ofSeconds(5)).until(() -> after.on(status).size() == 1);
            assertRetained(after.on(status).get(0), "offline");
        }
    }

    /** A subscriber that arrived after the publish got it, so the broker kept it. */
    private static void assertRetained(TopicRecorder.Received got, String body) {
        assertThat(got.body()).isEqualTo(body);
        assertThat(got.qos()).isEqualTo(1);
        if (!TestServices.mqttIsEmbedded()) {
            // Moquette 0.17 delivers a retained message to a new subscriber without the RETAIN flag.
            assertThat(got.retained()).isTrue();
        }
    }
}
