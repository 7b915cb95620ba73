package org.shouwang.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the Twilio REST API that records SMS and calls instead of sending them: the demo
 * shows what it got in the console, tests use it as the stub the real SDK talks to. It answers
 * {@code POST /2010-04-01/Accounts/{sid}/Messages.json} and {@code …/Calls.json} with Twilio-shaped JSON,
 * and fails on request ({@link #failNext}, {@link #failFor}, {@link #delayNext}) with Twilio-style errors.
 */
public final class RecordingTwilioServer implements AutoCloseable {

    /** Loopback only: the stand-in holds phone numbers and is nobody else's business. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Oldest records are dropped beyond this, so a long demo run does not grow without bound. */
    public static final int MAX_RECORDS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(RecordingTwilioServer.class);
    private static final Pattern RESOURCE = Pattern.compile("/2010-04-01/Accounts/([^/]+)/(Messages|Calls)\\.json");
    private static final Pattern INCIDENT_CODE = Pattern.compile("SW\\d{5,}");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Deque<TwilioStubRequest> records = new ArrayDeque<>();
    private final Map<String, Integer> failingRecipients = new ConcurrentHashMap<>();
    private int failNextStatus;
    private int failNextCount;
    private Duration delay = Duration.ZERO;
    private int delayCount;
    private boolean closed;

    private RecordingTwilioServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on the loopback interface; port 0 picks a free port. */
    public static RecordingTwilioServer start(int port) {
        return start(DEFAULT_HOST, port);
    }

    public static RecordingTwilioServer start(String host, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("twilio stand-in cannot listen on port " + port, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "twilio-stand-in");
            t.setDaemon(true);
            return t;
        });
        RecordingTwilioServer stub = new RecordingTwilioServer(server, executor);
        server.createContext("/", stub::handle);
        server.setExecutor(executor);
        server.start();
        LOG.info("twilio stand-in listening [port: {}]", server.getAddress().getPort());
        return stub;
    }

    /** What to set as {@link TwilioConfig#apiBaseUrl()}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request received, answered or failed, oldest first. */
    public synchronized List<TwilioStubRequest> requests() {
        return List.copyOf(records);
    }

    /** The SMS it accepted (answered 201), oldest first: what Twilio would have sent. */
    public List<TwilioStubRequest> messages() {
        return requests().stream().filter(r -> r.isMessage() && r.accepted()).toList();
    }

    /** The calls it accepted (answered 201), oldest first. */
    public List<TwilioStubRequest> calls() {
        return requests().stream().filter(r -> r.isCall() && r.accepted()).toList();
    }

    /** Forgets the records and every failure it was told to produce. */
    public synchronized void clear() {
        records.clear();
        failingRecipients.clear();
        failNextCount = 0;
        delayCount = 0;
    }

    /** Answers the next {@code count} requests with {@code status} and a Twilio error body. */
    public synchronized void failNext(int status, int count) {
        failNextStatus = status;
        failNextCount = count;
    }

    /** Answers every request to this {@code To} number with {@code status}, until {@link #clear()}. */
    public void failFor(String to, int status) {
        failingRecipients.put(to, status);
    }

    /** Holds the answer to the next {@code count} requests for {@code delay} (to provoke client timeouts). */
    public synchronized void delayNext(Duration delay, int count) {
        this.delay = delay;
        this.delayCount = count;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant receivedAt = Instant.now();
            String path = exchange.getRequestURI().getPath();
            Map<String, String> form = TwilioStubJson.parseForm(readBody(exchange.getRequestBody()));
            Matcher m = RESOURCE.matcher(path);
            String sid = m.matches() ? m.group(1) : null;
            boolean authorized = sid != null && sid.equals(TwilioStubJson.basicAuthUser(
                    exchange.getRequestHeaders().getFirst("Authorization")));
            holdIfTold();
            TwilioStubJson.Answer answer;
            if (!m.matches() || !"POST".equals(exchange.getRequestMethod())) {
                answer = TwilioStubJson.error(404, 20404, "The requested resource " + path + " was not found");
            } else if (!authorized) {
                answer = TwilioStubJson.error(401, 20003, "Authenticate");
            } else {
                answer = answer(m.group(2), sid, form);
            }
            TwilioStubRequest recorded = new TwilioStubRequest(exchange.getRequestMethod(), path, sid,
                    m.matches() ? m.group(2) : null, form, authorized, answer.status(), answer.sid(), receivedAt);
            record(recorded);
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private TwilioStubJson.Answer answer(String resource, String accountSid, Map<String, String> form) {
        Integer forced = forcedFailure(form.get("To"));
        if (forced != null) {
            LOG.info("twilio stand-in fails a request as told [resource: {}, status: {}]", resource, forced);
            return TwilioStubJson.error(forced, TwilioStubJson.codeFor(forced), "Failure requested by the test");
        }
        if (form.get("To") == null || form.get("From") == null) {
            return TwilioStubJson.error(400, 21604, "A 'To' and a 'From' phone number are required.");
        }
        if ("Messages".equals(resource)) {
            if (form.get("Body") == null) {
                return TwilioStubJson.error(400, 21602, "Message body is required.");
            }
            TwilioStubJson.Answer a = TwilioStubJson.message(accountSid, form);
            LOG.info("twilio stand-in recorded an SMS [sid: {}, incident: {}]", a.sid(), incidentCode(form.get("Body")));
            return a;
        }
        if (form.get("Twiml") == null && form.get("Url") == null) {
            return TwilioStubJson.error(400, 21205, "Url parameter is required.");
        }
        TwilioStubJson.Answer a = TwilioStubJson.call(accountSid, form);
        LOG.info("twilio stand-in recorded a call [sid: {}, incident: {}]", a.sid(), incidentCode(form.get("Twiml")));
        return a;
    }

    private synchronized Integer forcedFailure(String to) {
        Integer forRecipient = to == null ? null : failingRecipients.get(to);
        if (forRecipient != null) {
            return forRecipient;
        }
        if (failNextCount > 0) {
            failNextCount--;
            return failNextStatus;
        }
        return null;
    }

    private void holdIfTold() {
        Duration hold;
        synchronized (this) {
            if (delayCount <= 0) {
                return;
            }
            delayCount--;
            hold = delay;
        }
        try {
            Thread.sleep(hold.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void record(TwilioStubRequest r) {
        if (records.size() >= MAX_RECORDS) {
            records.removeFirst();
        }
        records.addLast(r);
    }

    /** The incident code quoted in a text, the only part of it that may be logged. */
    private static String incidentCode(String text) {
        Matcher m = INCIDENT_CODE.matcher(text == null ? "" : text);
        return m.find() ? m.group() : "-";
    }

    private static String readBody(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        server.stop(0);
        executor.shutdownNow();
        LOG.info("twilio stand-in stopped");
    }
}
