package org.shouwang.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shouwang.app.ConfigLoader;
import org.shouwang.app.Platform;
import org.shouwang.carrier.onenet.OneNetSignature;
import org.shouwang.model.CarrierPlatform;
import org.shouwang.model.Json;
import org.shouwang.model.RuleContext;
import org.shouwang.model.UploadCadence;
import org.shouwang.standin.RecordingTwilioServer;
import org.shouwang.testkit.TestServices;

/**
 * The demo's carrier set-up on the whole platform: a OneNET push signed with the demo token reaches the NB meter of
 * the second home as a reading, judged by its daily cadence; a CTWing push on the demo secret lists its meter as
 * unbound.
 */
class DemoCarrierIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private RecordingTwilioServer twilio;
    private Platform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    @Test
    void aOnenetPushWithTheDemoTokenBecomesTheBoundMetersReadingAndACtwingPushListsItsMeter() throws Exception {
        String dbUrl = TestServices.freshDatabase();
        twilio = RecordingTwilioServer.start(0);
        Map<String, String> env = TestPlatform.env(dbUrl, twilio, "carrier");
        env.put("SHOUWANG_CARRIER_ENABLED", "true");
        env.put("SHOUWANG_CARRIER_PORT", "0");
        env.put("SHOUWANG_CARRIER_ONENET_TOKEN", DemoCarrier.ONENET_TOKEN);
        env.put("SHOUWANG_CARRIER_CTWING_SECRET", DemoCarrier.CTWING_SECRET);
        platform = Platform.start(ConfigLoader.load(null, env), Clock.systemUTC());
        List<DemoData.Home> homes = DemoData.seed(platform.stores().registry(), 2, 2026L);
        DemoCarrier.seed(platform.stores(), homes);
        // The demo's own first uploads, pushed by the carrier simulator as OneNET and CTWing would push them.
        assertThat(DemoCarrier.pushFirstUploads(platform.carrierPort(), Clock.systemUTC())).isEqualTo(2);

        await().alias("reading of the NB meter").atMost(Duration.ofSeconds(15)).until(() ->
                platform.stores().registry().findDevice(DemoCarrier.NB_METER).isPresent()
                        && lastSeen(DemoCarrier.NB_METER) != null);
        await().alias("CTWing meter listed as unbound").atMost(Duration.ofSeconds(15)).until(() ->
                platform.stores().carrier().unbound(CarrierPlatform.CTWING, "15000002862592051651999").isPresent());
        RuleContext.DeviceHome nb = platform.stores().rules().context(Instant.now()).devices().stream()
                .filter(d -> d.deviceId().equals(DemoCarrier.NB_METER)).findFirst().orElseThrow();
        assertThat(nb.cadence()).isEqualTo(new UploadCadence(Duration.ofDays(1), 3));
    }

    private Instant lastSeen(String deviceId) {
        return platform.stores().rules().context(Instant.now()).devices().stream()
                .filter(d -> d.deviceId().equals(deviceId)).findFirst().map(RuleContext.DeviceHome::lastSeenAt)
                .orElse(null);
    }

    private HttpResponse<String> push(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.carrierPort() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
