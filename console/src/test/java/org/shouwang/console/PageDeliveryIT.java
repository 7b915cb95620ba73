package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.NotificationStore;
import org.shouwang.model.Incident;
import org.shouwang.model.Rule;

/**
 * A page's {@code deliveredAt} is the time of a delivery report that says it arrived, and only that; a
 * page with no such report shows when it was sent ({@code sentAt}), labelled as sent, never as delivered.
 */
class PageDeliveryIT {

    private static final Instant SENT = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Instant REPORTED = SENT.plusSeconds(7);
    private static ConsoleHarness console;

    @BeforeAll
    static void start() {
        console = new ConsoleHarness();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void onlyAPageWithADeliveredReportHasDeliveredAtInTheQueueAndOnTheIncidentPage() {
        long elderId = console.newElder();
        assertThat(console.post("/api/elders/" + elderId + "/contacts", new JsonObject().put("role", "NEIGHBOUR_VOLUNTEER")
                .put("name", "王阿姨").put("phone", console.phone())).statusCode()).isEqualTo(201);
        long contactId = console.registry.contacts(elderId).get(0).id();
        Incident incident = console.raise(elderId, Rule.BUTTON_PRESSED);
        NotificationStore outbox = new NotificationStore(console.db.dataSource());
        sms(outbox, incident, contactId, "no-report", null);
        sms(outbox, incident, contactId, "delivered", "delivered");
        sms(outbox, incident, contactId, "undelivered", "undelivered");

        JsonObject row = console.get("/api/incidents?state=open").bodyAsJsonArray().stream().map(JsonObject.class::cast)
                .filter(r -> r.getLong("id") == incident.id()).findFirst().orElseThrow();
        JsonArray fromDetail = console.get("/api/incidents/" + incident.id()).bodyAsJsonObject().getJsonArray("paged");

        for (JsonArray paged : List.of(row.getJsonArray("paged"), fromDetail)) {
            assertThat(paged).hasSize(3);
            assertThat(paged).map(JsonObject.class::cast)
                    .extracting(p -> p.getString("statusLabel"), p -> p.getString("deliveredAt"))
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("已发送", null),
                            org.assertj.core.groups.Tuple.tuple("已送达", REPORTED.toString()),
                            org.assertj.core.groups.Tuple.tuple("未送达", null));
            assertThat(paged).map(JsonObject.class::cast).allSatisfy(p ->
                    assertThat(p.getString("sentAt")).isEqualTo(SENT.toString()));
        }
    }

    /** The notifier's part, done by hand: an SMS sent at {@link #SENT}, with the provider's report if any. */
    private static void sms(NotificationStore outbox, Incident incident, long contactId, String key, String report) {
        Notification n = outbox.enqueue(incident.id(), contactId, NotificationChannel.SMS, "+8613900000000",
                "【守望】测试", "delivery-" + incident.id() + "-" + key).notification();
        outbox.markSent(n.id(), "SM" + key + incident.id(), SENT);
        if (report != null) {
            outbox.recordDelivery(n.id(), "SM" + key + incident.id(), report, REPORTED, previous -> true);
        }
    }
}
