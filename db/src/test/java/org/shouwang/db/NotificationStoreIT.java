package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
import org.shouwang.testkit.TestServices;
import org.shouwang.model.Alert;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Elder;
import org.shouwang.model.IncidentState;
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

    @Test
    void claimedPageIsNotClaimedAgainUntilItsLeaseEnds() {
        long id = enqueue(key("claim")).notification().id();

        List<Long> first = ids(outbox.claimDue(T0, Duration.ofMinutes(2), 100));
        List<Long> whileHeld = ids(outbox.claimDue(T0.plusSeconds(60), Duration.ofMinutes(2), 100));
        List<Long> afterLease = ids(outbox.claimDue(T0.plusSeconds(121), Duration.ofMinutes(2), 100));

        assertThat(first).contains(id);
        assertThat(whileHeld).doesNotContain(id);
        assertThat(afterLease).contains(id);
    }

    @Test
    void aNewLeaderShortensStandingClaimsSoTheirPagesGoOutAtItsBound() {
        long id = enqueue(key("orphan")).notification().id();
        assertThat(ids(outbox.claimDue(T0, Duration.ofMinutes(6), 100))).contains(id);

        // WHEN a node taking over caps the claims it finds to T0 + 20 s
        assertThat(outbox.capClaims(T0.plusSeconds(20))).isGreaterThanOrEqualTo(1);

        // THEN the page is free from then, not after the six-minute lease; a shorter claim is left as it was
        assertThat(ids(outbox.claimDue(T0.plusSeconds(19), Duration.ofMinutes(6), 100))).doesNotContain(id);
        assertThat(ids(outbox.claimDue(T0.plusSeconds(20), Duration.ofSeconds(5), 100))).contains(id);
        assertThat(outbox.capClaims(T0.plusSeconds(60))).as("a claim ending before the cap").isZero();
    }

    @Test
    void retryWaitsInTheRowUntilItsTimeAndFreesTheClaim() {
        long id = enqueue(key("retry")).notification().id();
        outbox.claimDue(T0, Duration.ofMinutes(2), 100);

        assertThat(outbox.scheduleRetry(id, "HTTP 500", T0.plusSeconds(10))).isTrue();

        Notification n = outbox.find(id).orElseThrow();
        assertThat(n.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(n.attempts()).isEqualTo(1);
        assertThat(n.nextAttemptAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(ids(outbox.claimDue(T0.plusSeconds(9), Duration.ofMinutes(2), 100))).doesNotContain(id);
        assertThat(ids(outbox.claimDue(T0.plusSeconds(10), Duration.ofMinutes(2), 100))).contains(id);
    }

    @Test
    void stepRoundAndAudienceAreKeptAndListedByRound() {
        Notification n = outbox.enqueue(new NotificationDraft(key("s1r2"), incidentId, contact.id(),
                NotificationChannel.VOICE, contact.phone(), "语音", 1, 2, "NEIGHBOUR_VOLUNTEER")).notification();
        enqueue(key("other"));

        assertThat(outbox.forRound(incidentId, 1, 2)).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(n.id());
            assertThat(r.step()).isEqualTo(1);
            assertThat(r.round()).isEqualTo(2);
            assertThat(r.audience()).isEqualTo("NEIGHBOUR_VOLUNTEER");
            assertThat(r.channel()).isEqualTo(NotificationChannel.VOICE);
        });
    }

    @Test
    void aPagesTemplateIsKeptAsJsonAndAPageWithoutOneHasNone() {
        String template = "{\"type\":\"CRITICAL\",\"facts\":{\"code\":\"SW00001\",\"name\":\"王阿婆\"}}";
        Notification with = outbox.enqueue(new NotificationDraft(key("tpl"), incidentId, contact.id(),
                NotificationChannel.SMS, contact.phone(), "短信", 0, 0, "NEIGHBOUR_VOLUNTEER", template)).notification();
        Notification without = enqueue(key("no-tpl")).notification();

        assertThat(outbox.find(with.id()).orElseThrow().template()).isEqualToIgnoringWhitespace(template);
        assertThat(outbox.find(without.id()).orElseThrow().template()).isNull();
    }

    @Test
    void deliveryReportIsRecordedOnceAndALateLesserOneIsRefused() {
        long id = enqueue(key("delivery")).notification().id();
        outbox.markSent(id, "SMd1", T0);

        var delivered = outbox.recordDelivery(id, "SMd1", "delivered", T0.plusSeconds(5), current -> true);
        var again = outbox.recordDelivery(id, "SMd1", "delivered", T0.plusSeconds(6), current -> true);
        var late = outbox.recordDelivery(id, "SMd1", "sent", T0.plusSeconds(7), current -> !"delivered".equals(current));
        var otherSid = outbox.recordDelivery(id, "SMother", "failed", T0.plusSeconds(8), current -> true);

        assertThat(delivered).hasValueSatisfying(n -> assertThat(n.deliveryStatus()).isEqualTo("delivered"));
        assertThat(again).isEmpty();
        assertThat(late).isEmpty();
        assertThat(otherSid).isEmpty();
        assertThat(outbox.find(id).orElseThrow().deliveryAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void replyFromANumberFindsTheLatestPageOfAnOpenIncidentWhateverTheNumberFormat() {
        // A number of its own: the other tests page 13800000001 for incidents that stay open.
        String staffWritten = "139 0000 " + String.format("%04d", incidentId % 10_000);
        String e164 = "+86139" + "0000" + String.format("%04d", incidentId % 10_000);
        long first = outbox.enqueue(incidentId, contact.id(), NotificationChannel.SMS, staffWritten, "x",
                key("reply-a")).notification().id();
        outbox.markSent(first, "SMa", T0);
        long pending = outbox.enqueue(incidentId, contact.id(), NotificationChannel.VOICE, staffWritten, "x",
                key("reply-b")).notification().id();

        assertThat(outbox.latestSentToOpenIncident(e164)).hasValueSatisfying(n -> assertThat(n.id()).isEqualTo(first));
        assertThat(outbox.sentTo(incidentId, e164)).extracting(Notification::id)
                .containsExactly(first).doesNotContain(pending);

        incidents.acknowledge(incidentId, "张三", "console", T0.plusSeconds(30));
        assertThat(outbox.latestSentToOpenIncident(e164)).isEmpty();
        assertThat(incidents.find(incidentId).orElseThrow().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
    }

    @Test
    void cancelPendingWithdrawsOnlyThatIncidentsPendingPages() {
        long sent = enqueue(key("c-sent")).notification().id();
        outbox.markSent(sent, "SMc", T0);
        long pending = enqueue(key("c-pending")).notification().id();

        List<Notification> cancelled = outbox.cancelPending(incidentId, "incident acknowledged");

        assertThat(cancelled).extracting(Notification::id).containsExactly(pending);
        assertThat(outbox.find(sent).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
    }

    private static List<Long> ids(List<Notification> ns) {
        return ns.stream().map(Notification::id).toList();
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
