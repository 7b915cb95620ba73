package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Jdbc;

/**
 * A care reminder the provider never took shows on the supervision answer, within scope only and with the phone
 * masked: a duty nobody was told of must not look like a duty somebody forgot.
 */
class UndeliveredCareSmsIT {

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

    private static void failedReminder(long elderId, String key, String phone) {
        Instant now = Instant.now();
        new Jdbc(console.db.dataSource()).update("INSERT INTO care_message (idempotency_key, kind, elder_id, role,"
                + " recipient, body, status, attempts, next_attempt_at, last_error, created_at)"
                + " VALUES (?, 'REMINDER', ?, 'NEIGHBOUR_VOLUNTEER', ?, '【守望】今日请探访或致电', 'FAILED', 1, ?,"
                + " 'provider refused the page [status: 400, code: 21211]', ?)", key, elderId, phone, now, now);
    }

    @Test
    void aFailedReminderShowsForItsCommunityWithTheNumberMaskedAndNotForAnotherCommunity() {
        long own = CareTestData.keyElder(console, ConsoleHarness.COMMUNITY, "钱秀兰");
        long other = CareTestData.keyElder(console, ConsoleHarness.OTHER_COMMUNITY, "孙建华");
        failedReminder(own, "t-own", "+8613912345678");
        failedReminder(other, "t-other", "+8613987654321");

        JsonArray worker = console.worker.get("/api/compliance").bodyAsJsonObject().getJsonArray("undelivered");
        assertThat(worker).hasSize(1);
        JsonObject m = worker.getJsonObject(0);
        assertThat(m.getLong("elderId")).isEqualTo(own);
        assertThat(m.getString("kindLabel")).isEqualTo("联系提醒");
        assertThat(m.getString("recipient")).doesNotContain("12345678").isNotBlank();
        assertThat(m.getString("error")).contains("400");
        assertThat(console.street.get("/api/compliance").bodyAsJsonObject().getJsonArray("undelivered"))
                .as("the street sees both communities").hasSize(2);
    }
}
