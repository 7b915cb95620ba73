package org.shouwang.notifier;

import org.shouwang.standin.TwilioStubRequest;
import org.shouwang.standin.RecordingTwilioServer;
import org.shouwang.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.shouwang.db.Stores;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.Jdbc;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.Alert;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.Rule;
import org.shouwang.model.TimelineEntry;

/**
 * What the notifier's integration tests share: a fresh PostgreSQL database, the Twilio stand-in the real
 * SDK talks to, a clock moved by hand, and homes with a full care team. {@link #notifier()} builds a new
 * notifier on the same database each time, as a restarted process would.
 */
final class NotifierHarness implements AutoCloseable {

    static final String TOKEN = "test-auth-token";
    static final WebhookConfig HOOKS = new WebhookConfig("127.0.0.1", 0, "https://shouwang.example.org");
    /** Quick retries, so the retry tests move the clock by seconds. */
    static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(20));
    private static final AtomicInteger PHONES = new AtomicInteger(20_000_000);

    /** An elder's home: devices and the care team, backups included. */
    record Home(Elder elder, String button, String meter, CareContact neighbour, CareContact backupNeighbour,
                CareContact worker, CareContact team, CareContact family) {
    }

    final Database db;
    final NotifierStores stores;
    final RecordingTwilioServer stub;
    final TestClock clock;

    NotifierHarness(Instant start) {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        stores = NotifierStores.of(Stores.of(db.dataSource()));
        stub = RecordingTwilioServer.start(0);
        clock = new TestClock(start);
    }

    /** A new notifier on the same database, clock and stand-in: what a restart builds. */
    Notifier notifier() {
        return notifier(EscalationPlans.defaults());
    }

    /** As {@link #notifier()}, texting the daily maintenance digest as {@code digest} says. */
    Notifier notifier(DigestConfig digest) {
        return notifier(EscalationPlans.defaults(), digest);
    }

    Notifier notifier(EscalationPlans plans) {
        return notifier(plans, DigestConfig.none());
    }

    Notifier notifier(EscalationPlans plans, DigestConfig digest) {
        return notifier(plans, digest, RETRY, Duration.ofSeconds(5));
    }

    /** The built-in plans with this retry policy, the SDK's requests timing out after {@code requestTimeout}. */
    Notifier notifier(RetryPolicy retry, Duration requestTimeout) {
        return notifier(EscalationPlans.defaults(), DigestConfig.none(), retry, requestTimeout);
    }

    private Notifier notifier(EscalationPlans plans, DigestConfig digest, RetryPolicy retry, Duration requestTimeout) {
        TwilioConfig twilio = TwilioConfig.of(TwilioSmsChannelTest.SID, TOKEN, TwilioSmsChannelTest.FROM)
                .withApiBaseUrl(stub.baseUrl()).withRequestTimeout(requestTimeout);
        Map<NotificationChannel, Channel> channels = new EnumMap<>(NotificationChannel.class);
        channels.put(NotificationChannel.SMS, new TwilioSmsChannel(twilio, HOOKS));
        channels.put(NotificationChannel.VOICE, new TwilioVoiceChannel(twilio, HOOKS));
        return Notifier.create(stores, channels, plans, retry, digest, clock);
    }

    /** A home in 平江街道 whose elder has a phone, with two neighbours, a worker, the team and family. */
    Home home() {
        Elder elder = stores.registry().createElder(new Elder(0, "王阿婆", null, "平江街道", "大儒巷社区", "大儒巷12号",
                phone(), true));
        String button = "btn-" + elder.id();
        String meter = "meter-" + elder.id();
        stores.registry().addDevice(button, DeviceKind.CALL_BUTTON, elder.id());
        stores.registry().addDevice(meter, DeviceKind.WATER_METER, elder.id());
        return new Home(elder, button, meter,
                contact(elder, ContactRole.NEIGHBOUR_VOLUNTEER, "李四", 0),
                contact(elder, ContactRole.NEIGHBOUR_VOLUNTEER, "王五", 1),
                contact(elder, ContactRole.COMMUNITY_WORKER, "张三", 0),
                contact(elder, ContactRole.STREET_EMERGENCY_TEAM, "平江应急队", 0),
                contact(elder, ContactRole.FAMILY_CONTACT, "王小明", 0));
    }

    private CareContact contact(Elder elder, ContactRole role, String name, int priority) {
        return stores.registry().addContact(elder.id(), role, name, phone(), priority);
    }

    static String phone() {
        return "+86138" + PHONES.incrementAndGet();
    }

    Alert press(Home h, String msgId) {
        return new Alert("BUTTON_PRESSED:" + h.button() + ":" + msgId, Rule.BUTTON_PRESSED, h.button(), clock.instant(),
                "按下");
    }

    Alert noWater(Home h) {
        return new Alert("NO_WATER_USE:" + h.meter() + ":" + clock.instant(), Rule.NO_WATER_USE, h.meter(),
                clock.instant(), "24小时用水 3.0 升");
    }

    /** The numbers the stand-in was asked to reach since {@code from} (index into its records), by channel. */
    List<String> reached(int from, String resource) {
        return stub.requests().subList(from, stub.requests().size()).stream()
                .filter(r -> r.accepted() && resource.equals(r.resource())).map(TwilioStubRequest::to).toList();
    }

    /** The incident's outbox row for this contact and channel, in its latest round. */
    Notification page(long incidentId, CareContact c, NotificationChannel channel) {
        return stores.outbox().forIncident(incidentId).stream()
                .filter(n -> c.id() == (n.contactId() == null ? -1 : n.contactId()) && n.channel() == channel)
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + channel + " page for " + c.name()));
    }

    List<String> kinds(long incidentId) {
        return stores.incidents().timeline(incidentId).stream().map(TimelineEntry::kind).toList();
    }

    List<TimelineEntry> timeline(long incidentId, String kind) {
        return stores.incidents().timeline(incidentId).stream().filter(e -> e.kind().equals(kind)).toList();
    }

    /**
     * Ends every escalation and withdraws every pending page, so the next test's ticks (the clock only
     * moves on) page only its own home.
     */
    void quiesce() {
        Jdbc jdbc = new Jdbc(db.dataSource());
        jdbc.update("UPDATE escalation SET active = false, due_at = NULL WHERE active");
        jdbc.update("UPDATE notification SET status = 'CANCELLED' WHERE status = 'PENDING'");
    }

    @Override
    public void close() {
        stub.close();
        db.close();
    }
}
