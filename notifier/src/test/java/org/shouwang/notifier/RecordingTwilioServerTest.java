package org.shouwang.notifier;

import org.shouwang.standin.TwilioStubRequest;
import org.shouwang.standin.RecordingTwilioServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.Json;

/** The stand-in as the SDK and a plain HTTP client see it. */
class RecordingTwilioServerTest {

    private static final String SID = TwilioSmsChannelTest.SID;
    private static final String FROM = TwilioSmsChannelTest.FROM;
    private static RecordingTwilioServer stub;
    private static TwilioRestClient client;

    @BeforeAll
    static void start() {
        stub = RecordingTwilioServer.start(0);
        client = TwilioTransport.restClient(TwilioConfig.of(SID, "test-token", FROM).withApiBaseUrl(stub.baseUrl()));
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void clear() {
        stub.clear();
    }

    @Test
    void voiceCallThroughTheSdkIsRecordedWithItsTwiml() {
        String twiml = "<Response><Say language=\"zh-CN\">事件SW00001</Say></Response>";

        Call call = Call.creator(new PhoneNumber("+8613800000001"), new PhoneNumber(FROM), new Twiml(twiml)).create(client);

        assertThat(call.getSid()).startsWith("CA");
        assertThat(stub.calls()).singleElement().satisfies(c -> {
            assertThat(c.path()).endsWith("/Calls.json");
            assertThat(c.to()).isEqualTo("+8613800000001");
            assertThat(c.twiml()).isEqualTo(twiml);
        });
        assertThat(stub.messages()).isEmpty();
    }

    @Test
    void requestWithoutCredentialsIsAnswered401AndNotCountedAsSent() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stub.baseUrl() + "/2010-04-01/Accounts/" + SID + "/Messages.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B8613800000001&From=%2B12025550123&Body=x")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(r.body()).get("code").asInt()).isEqualTo(20003);
        assertThat(stub.requests()).singleElement().satisfies(q -> assertThat(q.authorized()).isFalse());
        assertThat(stub.messages()).isEmpty();
    }

    @Test
    void failForAffectsOnlyThatNumberAndFailNextOnlyTheNextRequests() throws Exception {
        TwilioSmsChannel sms = new TwilioSmsChannel(client, FROM);
        stub.failFor("+8613800000009", 400);
        stub.failNext(503, 1);

        Throwable first = catchSend(sms, "+8613800000001");
        Throwable second = catchSend(sms, "+8613800000001");
        Throwable blocked = catchSend(sms, "+8613800000009");

        assertThat(first).isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.httpStatus()).isEqualTo(503));
        assertThat(second).isNull();
        assertThat(blocked).isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
        assertThat(stub.messages()).extracting(TwilioStubRequest::to).containsExactly("+8613800000001");
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void clearForgetsRecordsAndFailures() throws Exception {
        TwilioSmsChannel sms = new TwilioSmsChannel(client, FROM);
        stub.failFor("+8613800000009", 400);
        catchSend(sms, "+8613800000009");

        stub.clear();

        assertThat(stub.requests()).isEmpty();
        assertThat(catchSend(sms, "+8613800000009")).isNull();
    }

    @Test
    void recordedRequestPrintsNoNumberNorText() {
        TwilioStubRequest r = new TwilioStubRequest("POST", "/x", SID, "Messages",
                java.util.Map.of("To", "+8613800000001", "Body", "王阿婆"), true, 201, "SM1");

        assertThat(r.toString()).doesNotContain("13800000001").doesNotContain("王阿婆");
    }

    private static Throwable catchSend(TwilioSmsChannel sms, String to) {
        try {
            sms.send(new Page(1, 1, null, null, NotificationChannel.SMS, to, "【守望】测试 SW00001"));
            return null;
        } catch (ChannelException e) {
            return e;
        }
    }
}
