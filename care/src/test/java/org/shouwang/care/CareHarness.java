package org.shouwang.care;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.shouwang.db.CareMessage;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.Stores;
import org.shouwang.model.CareContact;
import org.shouwang.model.ChildrenLocation;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderCategory;
import org.shouwang.model.ElderFacts;
import org.shouwang.model.ResidentId;
import org.shouwang.model.care.CareKind;
import org.shouwang.model.care.CareRecord;
import org.shouwang.model.care.NewCareRecord;
import org.shouwang.notifier.Channel;
import org.shouwang.notifier.DigestConfig;
import org.shouwang.notifier.EscalationPlans;
import org.shouwang.notifier.Notifier;
import org.shouwang.notifier.NotifierMetrics;
import org.shouwang.notifier.NotifierStores;
import org.shouwang.notifier.ProviderRouting;
import org.shouwang.notifier.RetryPolicy;
import org.shouwang.notifier.TwilioConfig;
import org.shouwang.notifier.TwilioReplies;
import org.shouwang.notifier.TwilioSmsChannel;
import org.shouwang.notifier.TwilioVoiceChannel;
import org.shouwang.notifier.WebhookConfig;
import org.shouwang.notifier.channel.aliyun.AliyunConfig;
import org.shouwang.notifier.channel.aliyun.AliyunTemplates;
import org.shouwang.standin.RecordingTwilioServer;
import org.shouwang.standin.TwilioStubRequest;
import org.shouwang.testkit.TestClock;
import org.shouwang.testkit.TestServices;
import org.slf4j.LoggerFactory;

/**
 * What the care module's integration tests share: a fresh PostgreSQL database of their own, the notifier with the
 * real Twilio SDK talking to the recording stand-in, a clock moved by hand, key elders with a care team, and the
 * lines logged meanwhile (to show no phone number is among them).
 */
final class CareHarness implements AutoCloseable {

    static final String SID = "AC" + "0123456789abcdef".repeat(2);
    static final String FROM = "+12025550123";
    static final WebhookConfig HOOKS = new WebhookConfig("127.0.0.1", 0, "https://shouwang.example.org");
    /** Monday 7 December 2026. */
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    private static final AtomicInteger PHONES = new AtomicInteger(30_000_000);
    private static final AtomicInteger SEQ = new AtomicInteger(100);

    /** A key elder's home: the elder and the care team the duties and the case go to. */
    record Home(Elder elder, CareContact neighbour, CareContact worker, CareContact office, CareContact team) {
    }

    final Database db;
    final Stores stores;
    final RecordingTwilioServer stub;
    final TestClock clock;
    final Notifier notifier;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final List<String> phones = new ArrayList<>();
    private int sids;

    CareHarness(Instant start) {
        this(start, (stores, twilio, clock) -> {
            Map<NotificationChannel, Channel> channels = new EnumMap<>(NotificationChannel.class);
            channels.put(NotificationChannel.SMS, new TwilioSmsChannel(twilio, HOOKS));
            channels.put(NotificationChannel.VOICE, new TwilioVoiceChannel(twilio, HOOKS));
            return Notifier.create(stores, channels, EscalationPlans.defaults(), RetryPolicy.DEFAULT, clock);
        });
    }

    /**
     * As above; the notifier routes as a site with Alibaba Cloud does: mainland numbers through the stand-in at
     * {@code aliyunBaseUrl} by the template codes in {@code templatesYaml}, others through Twilio.
     */
    CareHarness(Instant start, String aliyunBaseUrl, String templatesYaml) {
        this(start, (stores, twilio, clock) -> Notifier.create(stores, twilio, HOOKS,
                AliyunConfig.of("LTAI-test-key", "test-secret", "守望", "051265000000").withEndpoints(aliyunBaseUrl)
                        .withRequestTimeout(java.time.Duration.ofSeconds(5)), AliyunTemplates.parse(templatesYaml),
                ProviderRouting.Mode.BY_NUMBER, EscalationPlans.defaults(), RetryPolicy.DEFAULT, DigestConfig.none(),
                null, clock, NotifierMetrics.none()));
    }

    private interface NotifierFactory {
        Notifier build(NotifierStores stores, TwilioConfig twilio, TestClock clock);
    }

    private CareHarness(Instant start, NotifierFactory notifiers) {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        stores = Stores.of(db.dataSource());
        stub = RecordingTwilioServer.start(0);
        clock = new TestClock(start);
        notifier = notifiers.build(NotifierStores.of(stores),
                TwilioConfig.of(SID, "test-auth-token", FROM).withApiBaseUrl(stub.baseUrl()), clock);
        logged.start();
        ((Logger) LoggerFactory.getLogger("org.shouwang")).addAppender(logged);
    }

    /** Local time in Suzhou. */
    static Instant at(LocalDate day, String time) {
        return LocalDateTime.of(day, java.time.LocalTime.parse(time)).atZone(ResidentId.ZONE).toInstant();
    }

    void set(LocalDate day, String time) {
        clock.set(at(day, time));
    }

    Care care() {
        return care(CareConfig.defaults());
    }

    Care care(CareConfig config) {
        return Care.create(stores, notifier, config, clock);
    }

    /** The webhook's SMS handling with the care replies registered, as the composition root wires it. */
    TwilioReplies replies(Care care) {
        return notifier.replies(List.of(care.replies()));
    }

    String nextSid() {
        return "SM" + String.format("%032d", ++sids);
    }

    /** A key elder (86, living alone, children outside the district) with neighbour, worker, street office and team. */
    Home keyElder(String name) {
        return keyElder(name, phone());
    }

    /** As {@link #keyElder(String)}, with the neighbour's number given (one neighbour for several elders). */
    Home keyElder(String name, String neighbourPhone) {
        Elder elder = stores.registry().createElder(new Elder(0, name, idNumber(1940), "平江街道", "大儒巷社区",
                "大儒巷" + SEQ.get() + "号", phone(), true), new ElderFacts(ElderCategory.LIVING_ALONE,
                ChildrenLocation.OUTSIDE_DISTRICT, false, null, null, null));
        registeredLongAgo(elder);
        return new Home(elder, contact(elder, ContactRole.NEIGHBOUR_VOLUNTEER, "李四", neighbourPhone),
                contact(elder, ContactRole.COMMUNITY_WORKER, "张三" + elder.id()),
                contact(elder, ContactRole.STREET_OFFICE, "平江街道办"),
                contact(elder, ContactRole.STREET_EMERGENCY_TEAM, "平江应急队"));
    }

    /** Duties start when an elder is registered: put it well before the weeks the tests look at. */
    void registeredLongAgo(Elder elder) {
        new org.shouwang.db.Jdbc(db.dataSource()).update("UPDATE elder SET created_at = ? WHERE id = ?",
                MONDAY.minusWeeks(8).atStartOfDay(ResidentId.ZONE).toInstant(), elder.id());
    }

    /** An elder of 70 with a neighbour: no key elder, no agreement, so no duties. */
    Elder ordinaryElder(String name) {
        Elder elder = stores.registry().createElder(new Elder(0, name, idNumber(1956), "平江街道", "大儒巷社区",
                "大儒巷1号", phone(), true), new ElderFacts(ElderCategory.EMPTY_NEST, ChildrenLocation.OUTSIDE_STREET,
                false, null, null, null));
        contact(elder, ContactRole.NEIGHBOUR_VOLUNTEER, "赵六");
        return elder;
    }

    CareContact contact(Elder elder, ContactRole role, String name) {
        return contact(elder, role, name, phone());
    }

    CareContact contact(Elder elder, ContactRole role, String name, String phone) {
        return stores.registry().addContact(elder.id(), role, name, phone, 0);
    }

    /** A contact with the elder recorded at {@code at}, as staff in the console or an incident would. */
    void contacted(CareContact by, Instant at) {
        stores.care().write(new NewCareRecord("test:" + by.id() + ":" + at, by.elderId(), by.role(), null, by.id(),
                by.name(), CareKind.VISIT, at, "上门探访", List.of(), null, false, null, by.name()));
    }

    /** The texts the stand-in accepted for this number, oldest first. */
    List<String> textsTo(CareContact c) {
        return stub.messages().stream().filter(m -> m.to().equals(c.phone())).map(TwilioStubRequest::body).toList();
    }

    List<CareRecord> records(Elder elder) {
        return stores.care().ofElder(elder.id(), Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
    }

    List<CareMessage> messages() {
        return stores.careMessages().since(Instant.EPOCH);
    }

    /** Every line logged since the harness started, formatted. */
    List<String> logLines() {
        return logged.list.stream().map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                : " " + e.getThrowableProxy().getMessage())).toList();
    }

    /** Every phone number the harness registered, in the forms it could be logged in. */
    List<String> phones() {
        List<String> out = new ArrayList<>();
        for (String p : phones) {
            out.add(p);
            out.add(p.substring(3));
        }
        return out;
    }

    private String phone() {
        String p = "+86139" + PHONES.incrementAndGet();
        phones.add(p);
        return p;
    }

    private static String idNumber(int year) {
        String first17 = "320508" + year + "0315" + SEQ.incrementAndGet();
        return first17 + ResidentId.checkCharacter(first17);
    }

    @Override
    public void close() {
        ((Logger) LoggerFactory.getLogger("org.shouwang")).detachAppender(logged);
        stub.close();
        db.close();
    }
}
