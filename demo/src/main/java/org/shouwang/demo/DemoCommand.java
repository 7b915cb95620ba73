package org.shouwang.demo;

import org.shouwang.app.Platform;
import org.shouwang.app.ConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.shouwang.embedded.EmbeddedBroker;
import org.shouwang.embedded.EmbeddedDatabase;
import org.shouwang.standin.RecordingAliyunServer;
import org.shouwang.standin.RecordingTwilioServer;
import org.shouwang.sim.Home;
import org.shouwang.sim.Simulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shouwang demo}: the whole platform on one machine with nothing installed but a JDK: embedded
 * PostgreSQL and MQTT broker, synthetic homes, the simulator, a Twilio stand-in that records the SMS,
 * and a scripted button press so a newcomer sees an incident arrive.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the platform on embedded services with simulated homes.")
final class DemoCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
    /** A syntactically valid, clearly fake Twilio account for the stand-in. */
    static final String DEMO_ACCOUNT_SID = "AC" + "00000000000000000000000000000000";

    @Option(names = "--port", defaultValue = "8080", description = "console port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--management-port", defaultValue = "8090",
            description = "port of GET /metrics, Prometheus text format (default ${DEFAULT-VALUE})")
    int managementPort;

    @Option(names = "--homes", defaultValue = "24", description = "simulated homes (default ${DEFAULT-VALUE})")
    int homes;

    @Option(names = "--press-after", defaultValue = "PT20S",
            description = "when the scripted button press happens (default ${DEFAULT-VALUE})")
    Duration pressAfter;

    @Option(names = "--report-every", defaultValue = "PT30S",
            description = "how often each simulated meter reports (default ${DEFAULT-VALUE})")
    Duration reportEvery;

    @Option(names = "--data-dir", description = "keep the embedded database here across runs (default: temporary)")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedDatabase pg = EmbeddedDatabase.start(0, dataDir);
        EmbeddedBroker broker = EmbeddedBroker.start(0);
        RecordingTwilioServer twilio = RecordingTwilioServer.start(0);
        RecordingAliyunServer aliyun = RecordingAliyunServer.start(0);
        // Before the platform: the rules start with four weeks of each home's habits, so the learned routine is armed.
        int history = DemoWater.seed(pg.jdbcUrl(), homes, Clock.systemUTC(), 2026L);
        LOG.info("demo water history written [readings: {}]", history);
        Platform platform = Platform.start(ConfigLoader.load(null, demoEnvironment(pg, broker, twilio, aliyun)),
                Clock.systemUTC());
        List<DemoData.Home> homesSeeded = DemoData.seed(platform.stores().registry(), homes, 2026L);
        LOG.info("demo homes registered [homes: {}]", homesSeeded.size());
        DemoCarrier.seed(platform.stores(), homesSeeded);
        LOG.info("demo carrier uploads pushed [taken: {}]", DemoCarrier.pushFirstUploads(platform.carrierPort(),
                Clock.systemUTC()));
        int careRecords = DemoCare.seed(platform.stores(), homesSeeded, Clock.systemUTC(), 2026L);
        LOG.info("demo care history written [records: {}]", careRecords);
        List<Home> simulated = homesSeeded.stream().map(h -> new Home(h.meterId(), h.buttonId())).toList();
        List<DemoAccounts.DemoAccount> accounts = DemoAccounts.seed(platform.database().dataSource());
        Simulator simulator = new Simulator(broker.url(), simulated, 2026L, Clock.systemUTC(), reportEvery);
        simulator.start();
        Home first = simulated.get(0);
        String firstStreet = platform.stores().registry().elderOfDevice(first.buttonId())
                .map(e -> e.street()).orElse("");
        simulator.scheduleButtonPress(first.buttonId(), pressAfter);

        StringBuilder logins = new StringBuilder();
        accounts.forEach(a -> logins.append(String.format("    %-14s %-16s %s%n", a.username(), a.password(),
                a.description())));
        System.out.printf("%n守望 demo is running: open http://localhost:%d and sign in as one of%n%s"
                + "  %d simulated homes; button %s (%s) will be pressed in %s.%n"
                + "  SMS and calls go to local stand-ins and show on each incident's timeline: mainland (+86) numbers%n"
                + "  through the Alibaba Cloud stand-in (%s), others through the Twilio stand-in (%s).%n"
                + "  Routine care: pingjiang-1 -> 关爱任务 (due and overdue contacts); pingjiang -> 关爱督查 (compliance).%n"
                + "  Each home has four weeks of water history: an elder's page (老人档案) shows the learned routine (用水习惯).%n"
                + "  Metrics: http://127.0.0.1:%d/metrics; readiness: http://localhost:%d/health/ready%n"
                + "  Carrier pushes (NB-IoT meters): OneNET http://localhost:%d/carrier/onenet (token %s),%n"
                + "  CTWing http://localhost:%d/carrier/ctwing/%s; OneNET device 2050001 is bound to %s and has%n"
                + "  pushed its first upload; a CTWing meter that pushed one waits under 设备维护 -> 未登记设备 to be bound.%n"
                + "  Ctrl+C stops everything.%n%n", port, logins, simulated.size(), first.buttonId(),
                firstStreet, pressAfter, aliyun.baseUrl(), twilio.baseUrl(), platform.managementPort(), port,
                platform.carrierPort(), DemoCarrier.ONENET_TOKEN, platform.carrierPort(), DemoCarrier.CTWING_SECRET,
                DemoCarrier.NB_METER);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            platform.close();
            twilio.close();
            aliyun.close();
            broker.close();
            pg.close();
            stopped.countDown();
        }, "demo-shutdown"));
        stopped.await();
        return 0;
    }

    private Map<String, String> demoEnvironment(EmbeddedDatabase pg, EmbeddedBroker broker,
                                                RecordingTwilioServer twilio, RecordingAliyunServer aliyun) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("SHOUWANG_DATABASE_URL", pg.jdbcUrl());
        env.put("SHOUWANG_MQTT_URL", broker.url());
        env.put("SHOUWANG_MQTT_CLIENT_ID", "shouwang-demo-ingest");
        // Moquette takes a $share/ filter literally and delivers nothing: subscribe plainly.
        env.put("SHOUWANG_MQTT_SHARED_GROUP", "");
        env.put("SHOUWANG_CONSOLE_PORT", Integer.toString(port));
        env.put("SHOUWANG_MANAGEMENT_PORT", Integer.toString(managementPort));
        // The stand-in sends no callbacks; the webhook listener takes any free port.
        env.put("SHOUWANG_WEBHOOKS_PORT", "0");
        env.put("SHOUWANG_TWILIO_ACCOUNT_SID", DEMO_ACCOUNT_SID);
        env.put("SHOUWANG_TWILIO_AUTH_TOKEN", "demo-token");
        env.put("SHOUWANG_TWILIO_FROM_NUMBER", "+12025550100");
        env.put("SHOUWANG_TWILIO_API_BASE_URL", twilio.baseUrl());
        // Alibaba Cloud for mainland numbers, through its stand-in, with templates as a site would register them.
        env.put("SHOUWANG_ALIYUN_ENABLED", "true");
        env.put("SHOUWANG_ALIYUN_ACCESS_KEY_ID", "LTAI-demo");
        env.put("SHOUWANG_ALIYUN_ACCESS_KEY_SECRET", "demo-secret");
        env.put("SHOUWANG_ALIYUN_SIGN_NAME", "守望");
        env.put("SHOUWANG_ALIYUN_CALLER_NUMBER", "051265000000");
        env.put("SHOUWANG_ALIYUN_SMS_ENDPOINT", aliyun.baseUrl());
        env.put("SHOUWANG_ALIYUN_VOICE_ENDPOINT", aliyun.baseUrl());
        env.put("SHOUWANG_ALIYUN_TEMPLATES_FILE", DemoTemplates.write().toString());
        env.put("SHOUWANG_ALIYUN_RECEIPT_TOKEN", "shouwang-demo-aliyun-receipts");
        // The carrier-platform listener, with secrets an installer can push with at once (printed at start).
        env.put("SHOUWANG_CARRIER_ENABLED", "true");
        env.put("SHOUWANG_CARRIER_PORT", Integer.toString(DemoCarrier.PORT));
        env.put("SHOUWANG_CARRIER_ONENET_TOKEN", DemoCarrier.ONENET_TOKEN);
        env.put("SHOUWANG_CARRIER_CTWING_SECRET", DemoCarrier.CTWING_SECRET);
        return env;
    }

}
