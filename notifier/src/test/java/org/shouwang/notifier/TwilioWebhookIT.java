package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.db.NotificationChannel.SMS;
import static org.shouwang.db.NotificationChannel.VOICE;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Notification;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentState;
import org.shouwang.model.TimelineEntry;
import org.shouwang.notifier.NotifierHarness.Home;

/**
 * Twilio's webhooks over real HTTP, signed as Twilio signs them for the public URL: key presses, SMS
 * replies and delivery reports change incidents; anything unsigned or tampered gets 403 and changes
 * nothing. Real PostgreSQL, the real SDK against the recording stand-in for the pages.
 */
class TwilioWebhookIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static NotifierHarness h;
    private static Vertx vertx;

    private Notifier notifier;
    private String deployment;
    private int port;
    private Instant t0;
    private Home home;

    @BeforeAll
    static void start() {
        h = new NotifierHarness(Instant.parse("2026-07-20T02:00:00Z"));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        result(vertx.close());
        h.close();
    }

    @BeforeEach
    void listen() throws Exception {
        h.clock.advance(Duration.ofDays(1));
        t0 = h.clock.instant();
        h.stub.clear();
        home = h.home();
        notifier = h.notifier();
        TwilioWebhookVerticle webhooks = notifier.webhookVerticle(NotifierHarness.HOOKS, NotifierHarness.TOKEN);
        deployment = result(vertx.deployVerticle(webhooks));
        port = webhooks.actualPort();
    }

    @AfterEach
    void undeploy() throws Exception {
        result(vertx.undeploy(deployment));
        h.quiesce();
    }

    private Incident press() {
        return notifier.service().handle(h.press(home, "1")).orElseThrow().incident();
    }

    private Incident incident(long id) {
        return h.stores.incidents().find(id).orElseThrow();
    }

    @Test
    void keyPressOneInASignedGatherAcknowledgesAndStopsTheEscalation() throws Exception {
        Incident incident = press();
        Notification call = h.page(incident.id(), home.worker(), VOICE);

        HttpResponse<String> r = signedPost(WebhookConfig.VOICE_GATHER_PATH + "?notification=" + call.id(),
                Map.of("CallSid", call.providerSid(), "Digits", "1", "From", TwilioSmsChannelTest.FROM, "To",
                        home.worker().phone()));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/xml"));
        assertThat(r.body()).contains("<Say language=\"zh-CN\">" + VoiceText.TAKEN_BY_YOU + "</Say>");
        Incident taken = incident(incident.id());
        assertThat(taken.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(taken.acknowledgedBy()).isEqualTo("社区工作者 张三");
        assertThat(h.timeline(incident.id(), "ACKNOWLEDGED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("voice"));
        int before = h.stub.requests().size();
        h.clock.at(t0, Duration.ofMinutes(15));
        notifier.service().tick();
        assertThat(h.stub.requests()).hasSize(before);
        assertThat(h.kinds(incident.id())).contains(Timeline.ESCALATION_STOPPED);
    }

    @Test
    void unsignedGatherIsRefusedAndChangesNothing() throws Exception {
        Incident incident = press();
        Notification call = h.page(incident.id(), home.worker(), VOICE);
        int timeline = h.stores.incidents().timeline(incident.id()).size();

        HttpResponse<String> r = post(WebhookConfig.VOICE_GATHER_PATH + "?notification=" + call.id(),
                Map.of("CallSid", call.providerSid(), "Digits", "1"), null);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(incident(incident.id()).state()).isEqualTo(IncidentState.OPEN);
        assertThat(h.stores.incidents().timeline(incident.id())).hasSize(timeline);
        h.clock.at(t0, Duration.ofMinutes(5));
        notifier.service().tick();
        assertThat(h.reached(0, "Messages")).contains(home.team().phone());
    }

    @Test
    void tamperedWebhooksAreRefusedAndChangeNothing() throws Exception {
        Incident incident = press();
        Notification call = h.page(incident.id(), home.worker(), VOICE);
        String path = WebhookConfig.VOICE_GATHER_PATH + "?notification=" + call.id();
        Map<String, String> pressedTwo = Map.of("CallSid", call.providerSid(), "Digits", "2");
        Map<String, String> pressedOne = Map.of("CallSid", call.providerSid(), "Digits", "1");
        String otherPath = WebhookConfig.VOICE_GATHER_PATH + "?notification=" + (call.id() + 1);

        // A changed parameter, another row's URL, another account's token, a signature for the local URL.
        assertThat(post(path, pressedOne, sign(path, pressedTwo)).statusCode()).isEqualTo(403);
        assertThat(post(otherPath, pressedOne, sign(path, pressedOne)).statusCode()).isEqualTo(403);
        assertThat(post(path, pressedOne, TwilioSigner.sign("another-token", NotifierHarness.HOOKS.publicBaseUrl()
                + path, pressedOne)).statusCode()).isEqualTo(403);
        assertThat(post(path, pressedOne, TwilioSigner.sign(NotifierHarness.TOKEN, "http://127.0.0.1:" + port + path,
                pressedOne)).statusCode()).isEqualTo(403);
        assertThat(post(WebhookConfig.SMS_INBOUND_PATH, Map.of("From", home.worker().phone(), "Body", "1"), "bm90IGl0")
                .statusCode()).isEqualTo(403);

        assertThat(incident(incident.id()).state()).isEqualTo(IncidentState.OPEN);
        assertThat(h.kinds(incident.id())).doesNotContain("ACKNOWLEDGED");
    }

    @Test
    void smsReplyOneFromAPagedNumberAcknowledgesItsLatestOpenIncident() throws Exception {
        Incident incident = press();

        HttpResponse<String> r = signedPost(WebhookConfig.SMS_INBOUND_PATH, Map.of("From", home.neighbour().phone(),
                "To", TwilioSmsChannelTest.FROM, "Body", " 1 ", "MessageSid", "SMreply" + incident.id()));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<Message>").contains("已确认由您接手事件" + incident.code());
        Incident taken = incident(incident.id());
        assertThat(taken.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(taken.acknowledgedBy()).isEqualTo("邻里/志愿者 李四");
        assertThat(h.timeline(incident.id(), "ACKNOWLEDGED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("sms"));
    }

    /** GIVEN a signed reply "1" that took one case, WHEN it is posted again on a later case, THEN nothing changes. */
    @Test
    void aReplayedSmsReplyAcknowledgesNothingAndIsAnsweredHarmlessly() throws Exception {
        Incident first = press();
        Map<String, String> reply = Map.of("From", home.neighbour().phone(), "To", TwilioSmsChannelTest.FROM,
                "Body", "1", "MessageSid", "SMcaptured0001");
        signedPost(WebhookConfig.SMS_INBOUND_PATH, reply);
        assertThat(incident(first.id()).state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        notifier.commands().resolve(first.id(), "值班员小周", "老人平安");
        h.clock.at(t0, Duration.ofHours(2));
        Incident later = notifier.service().handle(h.press(home, "later")).orElseThrow().incident();
        int timeline = h.stores.incidents().timeline(later.id()).size();
        int requests = h.stub.requests().size();

        HttpResponse<String> replayed = signedPost(WebhookConfig.SMS_INBOUND_PATH, reply);

        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.body()).doesNotContain("<Message>");
        assertThat(incident(later.id()).state()).isEqualTo(IncidentState.OPEN);
        assertThat(h.stores.incidents().timeline(later.id())).hasSize(timeline);
        assertThat(h.stub.requests()).hasSize(requests);
    }

    @Test
    void anSmsReplyWithoutAMessageSidIsRefusedAndChangesNothing() throws Exception {
        Incident incident = press();

        HttpResponse<String> r = signedPost(WebhookConfig.SMS_INBOUND_PATH, Map.of("From", home.neighbour().phone(),
                "Body", "1"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(incident(incident.id()).state()).isEqualTo(IncidentState.OPEN);
    }

    @Test
    void smsReplyWithTheIncidentCodeAcknowledgesThatIncident() throws Exception {
        Incident incident = press();

        HttpResponse<String> r = signedPost(WebhookConfig.SMS_INBOUND_PATH, Map.of("From", home.worker().phone(),
                "Body", incident.code().toLowerCase() + " 收到", "MessageSid", "SMcode" + incident.id()));

        assertThat(r.body()).contains(incident.code());
        assertThat(incident(incident.id()).state()).isEqualTo(IncidentState.ACKNOWLEDGED);
    }

    @Test
    void smsReplyFromANumberThatWasNotPagedChangesNothing() throws Exception {
        Incident incident = press();

        HttpResponse<String> r = signedPost(WebhookConfig.SMS_INBOUND_PATH, Map.of("From", home.team().phone(),
                "Body", incident.code(), "MessageSid", "SMnotpaged" + incident.id()));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("未找到需要您处理的事件");
        assertThat(incident(incident.id()).state()).isEqualTo(IncidentState.OPEN);
    }

    @Test
    void deliveryReportsLandOnTheNotificationAndTheTimeline() throws Exception {
        Incident incident = press();
        Notification sms = h.page(incident.id(), home.neighbour(), SMS);
        Notification call = h.page(incident.id(), home.neighbour(), VOICE);
        String smsStatus = WebhookConfig.SMS_STATUS_PATH + "?notification=" + sms.id();
        String callStatus = WebhookConfig.VOICE_STATUS_PATH + "?notification=" + call.id();

        for (String s : new String[] {"sent", "delivered", "sent"}) {
            assertThat(signedPost(smsStatus, Map.of("MessageSid", sms.providerSid(), "MessageStatus", s)).statusCode())
                    .isEqualTo(204);
        }
        for (String s : new String[] {"ringing", "in-progress", "completed"}) {
            signedPost(callStatus, Map.of("CallSid", call.providerSid(), "CallStatus", s, "CallDuration", "12"));
        }

        assertThat(h.stores.outbox().find(sms.id()).orElseThrow().deliveryStatus()).isEqualTo("delivered");
        assertThat(h.stores.outbox().find(call.id()).orElseThrow().deliveryStatus()).isEqualTo("completed");
        assertThat(h.timeline(incident.id(), Timeline.PAGE_STATUS)).extracting(TimelineEntry::detail).containsExactly(
                "短信已发出：邻里/志愿者 李四", "短信已送达：邻里/志愿者 李四",
                "电话振铃中：邻里/志愿者 李四", "电话已接通：邻里/志愿者 李四", "电话通话结束：邻里/志愿者 李四");
    }

    @Test
    void callNobodyAnswersMovesOnToTheBackupNeighbourAtOnce() throws Exception {
        Incident incident = press();
        Notification sms = h.page(incident.id(), home.neighbour(), SMS);
        Notification call = h.page(incident.id(), home.neighbour(), VOICE);
        int before = h.stub.requests().size();

        signedPost(WebhookConfig.VOICE_STATUS_PATH + "?notification=" + call.id(), Map.of("CallSid",
                call.providerSid(), "CallStatus", "no-answer"));
        assertThat(h.stub.requests()).hasSize(before);
        signedPost(WebhookConfig.SMS_STATUS_PATH + "?notification=" + sms.id(), Map.of("MessageSid", sms.providerSid(),
                "MessageStatus", "undelivered", "ErrorCode", "30003"));

        assertThat(h.reached(before, "Calls")).containsExactly(home.backupNeighbour().phone());
        assertThat(h.reached(before, "Messages")).containsExactly(home.backupNeighbour().phone());
        assertThat(h.kinds(incident.id())).contains(Timeline.PAGE_FALLBACK);
    }

    @Test
    void elderPressingOneResolvesNoWaterUseAsConfirmedWellAndPagesNobodyElse() throws Exception {
        Incident incident = notifier.service().handle(h.noWater(home)).orElseThrow().incident();
        assertThat(h.stub.calls()).singleElement().satisfies(c -> assertThat(c.to()).isEqualTo(home.elder().phone()));
        Notification call = h.stores.outbox().forIncident(incident.id()).get(0);
        h.clock.at(t0, Duration.ofMinutes(1));

        HttpResponse<String> r = signedPost(WebhookConfig.VOICE_GATHER_PATH + "?notification=" + call.id(),
                Map.of("CallSid", call.providerSid(), "Digits", "1"));

        assertThat(r.body()).contains(VoiceText.ELDER_WELL);
        Incident closed = incident(incident.id());
        assertThat(closed.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(closed.outcome()).isEqualTo("老人确认安好").isEqualTo(TwilioReplies.ELDER_CONFIRMED_WELL);
        assertThat(closed.resolvedBy()).isEqualTo("老人本人");
        for (int minutes : new int[] {5, 20, 60}) {
            h.clock.at(t0, Duration.ofMinutes(minutes));
            notifier.service().tick();
        }
        assertThat(h.stub.requests()).hasSize(1);
        assertThat(h.kinds(incident.id())).containsSubsequence(Timeline.ELDER_CONFIRMED_WELL, "RESOLVED",
                Timeline.ESCALATION_STOPPED);
    }

    @Test
    void elderPressingTwoBringsTheCareTeamAtOnce() throws Exception {
        Incident incident = notifier.service().handle(h.noWater(home)).orElseThrow().incident();
        Notification call = h.stores.outbox().forIncident(incident.id()).get(0);

        HttpResponse<String> r = signedPost(WebhookConfig.VOICE_GATHER_PATH + "?notification=" + call.id(),
                Map.of("CallSid", call.providerSid(), "Digits", "2"));

        assertThat(r.body()).contains(VoiceText.ELDER_HELP);
        assertThat(h.reached(1, "Messages")).containsExactlyInAnyOrder(home.neighbour().phone(), home.worker().phone());
        assertThat(incident(incident.id()).state()).isEqualTo(IncidentState.OPEN);
        assertThat(h.kinds(incident.id())).contains(Timeline.ELDER_ASKED_HELP);
    }

    @Test
    void elderCallNobodyAnswersBringsTheCareTeamAtOnceWithoutFlaggingUnreached() throws Exception {
        Incident incident = notifier.service().handle(h.noWater(home)).orElseThrow().incident();
        Notification call = h.stores.outbox().forIncident(incident.id()).get(0);

        signedPost(WebhookConfig.VOICE_STATUS_PATH + "?notification=" + call.id(), Map.of("CallSid",
                call.providerSid(), "CallStatus", "no-answer"));

        assertThat(h.reached(1, "Calls")).containsExactlyInAnyOrder(home.neighbour().phone(), home.worker().phone());
        assertThat(h.kinds(incident.id())).contains(Timeline.WELL_CHECK_UNANSWERED).doesNotContain(Timeline.UNREACHED);
    }

    private HttpResponse<String> signedPost(String pathAndQuery, Map<String, String> params) throws Exception {
        return post(pathAndQuery, params, sign(pathAndQuery, params));
    }

    private static String sign(String pathAndQuery, Map<String, String> params) {
        return TwilioSigner.sign(NotifierHarness.TOKEN, NotifierHarness.HOOKS.publicBaseUrl() + pathAndQuery, params);
    }

    private HttpResponse<String> post(String pathAndQuery, Map<String, String> params, String signature)
            throws Exception {
        String form = new LinkedHashMap<>(params).entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (signature != null) {
            b.header(TwilioWebhookVerticle.SIGNATURE_HEADER, signature);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static <T> T result(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
