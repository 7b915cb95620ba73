package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentState;
import org.shouwang.model.PhoneNumbers;
import org.shouwang.notifier.NotifierHarness.Home;

/**
 * Alibaba Cloud's pushed receipts on a real PostgreSQL (issue 13): a key press or an SMS reply takes the case, an
 * answered call alone does not, and forged, unknown, stale or replayed receipts change nothing. The pages here were
 * placed through the Twilio stand-in; a receipt names its page by {@code out_id} and the provider's id, whichever
 * provider that was.
 */
class AliyunReceiptsIT {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static NotifierHarness h;
    private static int seq;

    private Notifier notifier;
    private AliyunReceipts receipts;
    private Home home;

    @BeforeAll
    static void start() {
        h = new NotifierHarness(Instant.parse("2026-08-20T02:00:00Z"));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void setUp() {
        h.clock.advance(Duration.ofDays(1));
        h.stub.clear();
        home = h.home();
        notifier = h.notifier();
        receipts = notifier.aliyunReceipts(List.of());
    }

    @AfterEach
    void quiesce() {
        h.quiesce();
    }

    private Incident press() {
        return notifier.service().handle(h.press(home, "a" + (++seq))).orElseThrow().incident();
    }

    private Notification call(Incident incident) {
        return h.stores.outbox().forIncident(incident.id()).stream()
                .filter(n -> n.channel() == NotificationChannel.VOICE && n.providerSid() != null)
                .filter(n -> n.recipient().equals(PhoneNumbers.toE164(home.worker().phone()))).findFirst().orElseThrow();
    }

    private static JsonObject voiceReport(Notification page, String dtmf, String statusCode, Instant at) {
        return new JsonObject().put("call_id", page.providerSid()).put("out_id", String.valueOf(page.id()))
                .put("status_code", statusCode).put("dtmf", dtmf).put("start_time", TIME.format(at.minusSeconds(40)))
                .put("end_time", TIME.format(at)).put("duration", "40");
    }

    private IncidentState state(Incident incident) {
        return h.stores.incidents().find(incident.id()).orElseThrow().state();
    }

    @Test
    void aKeyPressInTheVoiceReportTakesTheCaseOnceAndAReplayChangesNothing() {
        Incident incident = press();
        Notification call = call(incident);

        AliyunReceipts.Result first = receipts.voiceReports(new JsonArray().add(voiceReport(call, "1", "200000",
                h.clock.instant())));
        AliyunReceipts.Result replay = receipts.voiceReports(new JsonArray().add(voiceReport(call, "1", "200000",
                h.clock.instant())));

        assertThat(first.applied()).isEqualTo(1);
        assertThat(replay.applied()).isEqualTo(1);
        assertThat(state(incident)).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(h.timeline(incident.id(), "ACKNOWLEDGED")).hasSize(1);
        assertThat(h.stores.incidents().acknowledgingPage(incident.id())).contains(call.id());
    }

    @Test
    void anAnsweredCallWithoutAKeyIsNoAcknowledgement() {
        Incident incident = press();
        Notification call = call(incident);

        receipts.voiceReports(new JsonArray().add(voiceReport(call, "", "200000", h.clock.instant())));

        assertThat(state(incident)).isEqualTo(IncidentState.OPEN);
        assertThat(h.stores.outbox().find(call.id()).orElseThrow().deliveryStatus()).isEqualTo("completed");
    }

    @Test
    void forgedUnknownAndStaleReceiptsChangeNothing() {
        Incident incident = press();
        Notification call = call(incident);
        JsonObject forged = voiceReport(call, "1", "200000", h.clock.instant()).put("call_id", "999^888");
        JsonObject unknown = voiceReport(call, "1", "200000", h.clock.instant()).put("out_id", "987654321");
        JsonObject noId = voiceReport(call, "1", "200000", h.clock.instant()).put("out_id", "x");
        JsonObject stale = voiceReport(call, "1", "200000", h.clock.instant().minus(Duration.ofDays(3)));

        AliyunReceipts.Result r = receipts.voiceReports(new JsonArray().add(forged).add(unknown).add(noId).add(stale)
                .add("not an object"));

        assertThat(r.applied()).isZero();
        assertThat(r.ignored()).isEqualTo(4);
        assertThat(state(incident)).isEqualTo(IncidentState.OPEN);
        assertThat(h.stores.outbox().find(call.id()).orElseThrow().deliveryStatus()).isNotEqualTo("completed");
    }

    @Test
    void anSmsReplyTakesTheCaseAndIsAnsweredOnceBySequenceId() {
        Incident incident = press();
        JsonObject up = new JsonObject().put("phone_number", home.worker().phone().replace("+86", ""))
                .put("content", "1").put("sequence_id", 7001 + seq).put("send_time", TIME.format(h.clock.instant()))
                .put("sign_name", "守望").put("dest_code", "1234");

        AliyunReceipts.Result first = receipts.smsUps(new JsonArray().add(up));
        AliyunReceipts.Result replay = receipts.smsUps(new JsonArray().add(up));

        assertThat(first.answers()).singleElement().satisfies(a -> {
            assertThat(a.toE164()).isEqualTo(PhoneNumbers.toE164(home.worker().phone()));
            assertThat(a.text()).contains("已确认由您接手事件" + incident.code());
            // The domestic provider sends only templates: the answer carries its own, with the incident's code.
            assertThat(a.template().type()).isEqualTo(MessageType.ACK_CONFIRMATION);
            assertThat(a.template().fact(MessageType.PageFacts.CODE)).isEqualTo(incident.code());
        });
        assertThat(replay.applied()).isZero();
        assertThat(replay.answers()).isEmpty();
        assertThat(state(incident)).isEqualTo(IncidentState.ACKNOWLEDGED);
    }

    @Test
    void thePushEndpointNeedsItsTokenAndItsSourceAndAnswersAlibabaAsItExpects() throws Exception {
        Incident incident = press();
        Notification call = call(incident);
        String token = "tok-0123456789abcdef";
        java.util.List<AliyunReceipts.Answer> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            io.vertx.core.WorkerExecutor workers = vertx.createSharedWorkerExecutor("aliyun-receipts-test");
            io.vertx.ext.web.Router open = io.vertx.ext.web.Router.router(vertx);
            new AliyunReceiptRoutes(token, java.util.Set.of(), receipts, sent::add).mount(open, workers);
            io.vertx.ext.web.Router fenced = io.vertx.ext.web.Router.router(vertx);
            new AliyunReceiptRoutes(token, java.util.Set.of("10.9.8.7"), receipts, sent::add).mount(fenced, workers);
            int port = vertx.createHttpServer().requestHandler(open).listen(0, "127.0.0.1")
                    .await(10, java.util.concurrent.TimeUnit.SECONDS).actualPort();
            int fencedPort = vertx.createHttpServer().requestHandler(fenced).listen(0, "127.0.0.1")
                    .await(10, java.util.concurrent.TimeUnit.SECONDS).actualPort();
            String body = new JsonArray().add(voiceReport(call, "1", "200000", h.clock.instant())).encode();

            assertThat(post(port, "/aliyun/wrong-token-0000000/voice-report", body).statusCode()).isEqualTo(404);
            assertThat(post(fencedPort, "/aliyun/" + token + "/voice-report", body).statusCode()).isEqualTo(403);
            assertThat(post(port, "/aliyun/" + token + "/voice-report", "[{not json").statusCode()).isEqualTo(400);
            assertThat(state(incident)).as("nothing refused changed anything").isEqualTo(IncidentState.OPEN);

            java.net.http.HttpResponse<String> ok = post(port, "/aliyun/" + token + "/voice-report", body);

            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(ok.body()).getInteger("code")).isZero();
            assertThat(state(incident)).isEqualTo(IncidentState.ACKNOWLEDGED);
            assertThat(AliyunReceiptRoutes.paths(token)).contains("/aliyun/" + token + "/sms-up");
        } finally {
            vertx.close().await(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static java.net.http.HttpResponse<String> post(int port, String path, String body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anSmsDeliveryReportIsRecordedOnlyForThePageItNames() {
        Incident incident = press();
        Notification sms = h.stores.outbox().forIncident(incident.id()).stream()
                .filter(n -> n.channel() == NotificationChannel.SMS && n.providerSid() != null).findFirst().orElseThrow();
        JsonObject report = new JsonObject().put("phone_number", sms.recipient()).put("success", true)
                .put("biz_id", sms.providerSid()).put("out_id", String.valueOf(sms.id()))
                .put("report_time", TIME.format(h.clock.instant())).put("err_code", "DELIVERED");

        AliyunReceipts.Result forged = receipts.smsReports(new JsonArray().add(report.copy().put("biz_id", "1234^0")));
        assertThat(forged.applied()).isZero();
        assertThat(h.stores.outbox().find(sms.id()).orElseThrow().deliveryStatus()).isNotEqualTo("delivered");

        receipts.smsReports(new JsonArray().add(report));

        assertThat(h.stores.outbox().find(sms.id()).orElseThrow().deliveryStatus()).isEqualTo("delivered");
    }
}
