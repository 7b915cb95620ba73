package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.embedded.TestServices;
import org.shouwang.model.Alert;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Elder;
import org.shouwang.model.Rule;

/** The notification outbox on a real PostgreSQL. */
class NotificationStoreIT {

    private static final Instant T0 = Instant.parse("2026-11-29T02:00:00Z");
    private static Database db;
    private static NotificationStore outbox;
    private static IncidentStore incidents;
    private static RegistryStore registry;

    private long incidentId;
    private CareContact contact;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        outbox = new NotificationStore(db.dataSource());
        incidents = new IncidentStore(db.dataSource());
        registry = new RegistryStore(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void incident() {
        long elderId = registry.createElder(new Elder(0, "测试老人", null, "平江街道", "大儒巷社区", "大儒巷1号", null, true)).id();
        contact = registry.addContact(elderId, ContactRole.NEIGHBOUR_VOLUNTEER, "李四", "13800000001", 0);
        incidentId = incidents.recordAlert(elderId, new Alert("a-" + elderId, Rule.BUTTON_PRESSED, "btn-" + elderId, T0,
                null)).incident().id();
    }

    private NotificationEnqueued enqueue(String key) {
        return outbox.enqueue(incidentId, contact.id(), NotificationChannel.SMS, contact.phone(), "【守望】测试", key);
    }

    private String key(String step) {
        return incidentId + ":" + contact.id() + ":" + step + ":SMS";
    }

    @Test
    void enqueueWritesAPendingPage() {
        NotificationEnqueued e = enqueue(key("step0"));

        assertThat(e.inserted()).isTrue();
        assertThat(e.notification().status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(e.notification().recipient()).isEqualTo("13800000001");
        assertThat(e.notification().attempts()).isZero();
        assertThat(outbox.pending()).extracting(Notification::id).contains(e.notification().id());
    }

    @Test
    void repeatedKeyReturnsTheExistingPageAndAddsNoRow() {
        NotificationEnqueued first = enqueue(key("step0"));
        outbox.markSent(first.notification().id(), "SM1", T0);

        NotificationEnqueued again = enqueue(key("step0"));

        assertThat(again.inserted()).isFalse();
        assertThat(again.notification().id()).isEqualTo(first.notification().id());
        assertThat(again.notification().status()).isEqualTo(NotificationStatus.SENT);
        assertThat(outbox.forIncident(incidentId)).hasSize(1);
    }

    @Test
    void concurrentEnqueuesOfOneKeyInsertExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<NotificationEnqueued> call = () -> enqueue(key("race"));
            List<NotificationEnqueued> results = pool.invokeAll(List.of(call, call, call, call)).stream()
                    .map(NotificationStoreIT::get).toList();

            assertThat(results).filteredOn(NotificationEnqueued::inserted).hasSize(1);
            assertThat(outbox.forIncident(incidentId)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void markSentRecordsTheProviderSidOnceAndLeavesThePendingList() {
        long id = enqueue(key("step0")).notification().id();

        boolean first = outbox.markSent(id, "SM123", T0.plusSeconds(1));
        boolean second = outbox.markSent(id, "SM456", T0.plusSeconds(2));

        Notification sent = outbox.find(id).orElseThrow();
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.providerSid()).isEqualTo("SM123");
        assertThat(sent.sentAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(outbox.pending()).extracting(Notification::id).doesNotContain(id);
    }

    @Test
    void retriableFailureKeepsThePagePendingAndCountsTheAttempt() {
        long id = enqueue(key("step0")).notification().id();

        outbox.markFailed(id, "HTTP 503", false);

        Notification n = outbox.find(id).orElseThrow();
        assertThat(n.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(n.attempts()).isEqualTo(1);
        assertThat(n.lastError()).isEqualTo("HTTP 503");
    }

    @Test
    void permanentFailureEndsThePage() {
        long id = enqueue(key("step0")).notification().id();

        outbox.markFailed(id, "HTTP 400, Twilio 21211", true);

        Notification n = outbox.find(id).orElseThrow();
        assertThat(n.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(outbox.pending()).extracting(Notification::id).doesNotContain(id);
        assertThat(outbox.markSent(id, "SM1", T0)).isFalse();
    }

    @Test
    void cancelledPageIsNoLongerPending() {
        long id = enqueue(key("step0")).notification().id();

        assertThat(outbox.markCancelled(id, "incident acknowledged")).isTrue();

        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(outbox.pending()).extracting(Notification::id).doesNotContain(id);
    }

    @Test
    void pageWithoutACareContactIsAllowed() {
        NotificationEnqueued e = outbox.enqueue(incidentId, null, NotificationChannel.SMS, "13800000009", "body",
                incidentId + ":maintenance:SMS");

        assertThat(e.notification().contactId()).isNull();
    }

    @Test
    void forIncidentListsPagesInWritingOrder() {
        long a = enqueue(key("step0")).notification().id();
        long b = enqueue(key("step1")).notification().id();

        assertThat(outbox.forIncident(incidentId)).extracting(Notification::id).containsExactly(a, b);
    }

    @Test
    void toStringMasksThePhoneAndOmitsTheBody() {
        Notification n = enqueue(key("step0")).notification();

        assertThat(n.toString()).doesNotContain("13800000001").doesNotContain("测试").contains("138****0001");
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
