package org.shouwang.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.care.CareHarness.MONDAY;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.care.CareHarness.Home;
import org.shouwang.db.CareMessage;
import org.shouwang.model.Json;
import org.shouwang.notifier.AliyunReceipts;
import org.shouwang.standin.AliyunStubRequest;
import org.shouwang.standin.RecordingAliyunServer;

/**
 * Duty reminders to mainland phones through Alibaba Cloud (issue 13), on a real PostgreSQL with the real SDK
 * talking to the recording stand-in: the reminder goes by its registered template with the same words as the free
 * text, the "0" that comes back by Alibaba's reply push records the contact, and an Alibaba outage sends the
 * reminder as free text through Twilio instead of not at all.
 */
class AliyunCareIT {

    private static final String TEMPLATES = """
            sms:
              DUTY_REMINDER: { code: SMS_468123010 }
              ACK_CONFIRMATION: { code: SMS_468123007 }
            voice:
              ACK_CONFIRMATION: { code: TTS_468124007 }
            """;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private RecordingAliyunServer aliyun;
    private CareHarness h;
    private Care care;
    private Home home;

    @BeforeEach
    void start() {
        aliyun = RecordingAliyunServer.start(0);
        h = new CareHarness(CareHarness.at(MONDAY, "09:00"), aliyun.baseUrl(), TEMPLATES);
        // The digest waits for the evening: the reminders are the only messages this morning.
        care = h.care(CareConfig.defaults().withDigestAt(java.time.LocalTime.of(21, 50)));
        home = h.keyElder("王秀英");
        // The worker's weekly duty is met: the neighbour's reminder is the only message.
        h.contacted(home.worker(), CareHarness.at(MONDAY, "08:00"));
        h.contacted(home.worker(), CareHarness.at(MONDAY, "08:30"));
    }

    @AfterEach
    void stop() {
        assertThat(h.logLines()).noneMatch(line -> h.phones().stream().anyMatch(line::contains));
        h.close();
        aliyun.close();
    }

    private CareMessage reminder() {
        return h.messages().stream().filter(m -> Long.valueOf(home.neighbour().id()).equals(m.contactId())).findFirst().orElseThrow();
    }

    @Test
    void aReminderToAMainlandNumberGoesThroughAlibabaByItsTemplate() {
        care.rounds().tick();

        String national = home.neighbour().phone().substring(3);
        AliyunStubRequest sent = aliyun.messages().stream().filter(m -> m.phone().equals(national)).findFirst()
                .orElseThrow();
        assertThat(sent.templateCode()).isEqualTo("SMS_468123010");
        assertThat(sent.param("SignName")).isEqualTo("守望");
        assertThat(Json.read(sent.templateParams(), Map.class)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "task", "今日请探访或致电王秀英", "reply", "0"));
        assertThat(sent.outId()).as("no outbox page to name").isNull();
        assertThat(h.textsTo(home.neighbour())).as("nothing through Twilio").isEmpty();
        assertThat(reminder().status()).isEqualTo(CareMessage.Status.SENT);
        assertThat(reminder().providerSid()).isEqualTo(sent.providerId());
    }

    @Test
    void theZeroRepliedThroughAlibabasPushRecordsTheContact() {
        care.rounds().tick();
        h.set(MONDAY, "11:20");

        AliyunReceipts receipts = h.notifier.aliyunReceipts(List.of(care.replies()));
        JsonObject up = new JsonObject().put("phone_number", home.neighbour().phone().substring(3)).put("content", "0")
                .put("sign_name", "守望").put("sequence_id", 7_001L).put("send_time", TIME.format(h.clock.instant()));
        AliyunReceipts.Result first = receipts.smsUps(new JsonArray().add(up));
        AliyunReceipts.Result replay = receipts.smsUps(new JsonArray().add(up));

        assertThat(first.applied()).isEqualTo(1);
        assertThat(first.answers()).singleElement().satisfies(a -> assertThat(a.text()).contains("已记录", "王秀英"));
        assertThat(replay.applied()).as("a replayed push records nothing").isZero();
        assertThat(h.records(home.elder())).filteredOn(r -> Long.valueOf(home.neighbour().id()).equals(r.contactId()))
                .singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo(org.shouwang.model.care.CareKind.SMS_REPORT));
    }

    @Test
    void anAlibabaOutageSendsTheReminderAsFreeTextThroughTwilio() {
        aliyun.failNext(RecordingAliyunServer.Failure.SERVER_ERROR, 1);

        care.rounds().tick();

        assertThat(aliyun.requests()).singleElement().satisfies(m -> {
            assertThat(m.isSms()).isTrue();
            assertThat(m.status()).isEqualTo(503);
        });
        assertThat(h.textsTo(home.neighbour())).containsExactly("【守望】今日请探访或致电王秀英，完成后回复 0");
        assertThat(reminder().status()).isEqualTo(CareMessage.Status.SENT);
    }
}
