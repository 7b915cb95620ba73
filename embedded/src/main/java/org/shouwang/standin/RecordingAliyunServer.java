package org.shouwang.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for Alibaba Cloud's SMS (dysmsapi SendSms) and voice (dyvmsapi IvrCall) APIs that records
 * what it got instead of sending it. One server answers both: point both endpoints at {@link #baseUrl()}. It
 * reads the SDKs' RPC requests (parameters in the query and the form body, the action as {@code Action=SendSms} or
 * in the {@code x-acs-action} header of ACS3-signed requests) and
 * answers with Alibaba-shaped JSON ({@code {"Code":"OK","BizId":…}}); it does not check the signature. It
 * fails on request ({@link #failNext}, {@link #failFor}, {@link #delayNext}) as Alibaba does: business
 * refusals with HTTP 200 and a code, server errors with a 5xx.
 */
public final class RecordingAliyunServer implements AutoCloseable {

    /** How the stand-in refuses a request when told to. */
    public enum Failure {
        /** Per-number flow control (1 call a minute, 5 an hour …): HTTP 200, {@code isv.BUSINESS_LIMIT_CONTROL}. */
        THROTTLED(200, "isv.BUSINESS_LIMIT_CONTROL", "触发号码天级流控Permits:10"),
        /** Alibaba's own failure: HTTP 503, {@code ServiceUnavailable}. */
        SERVER_ERROR(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."),
        /** A number the provider cannot reach: HTTP 200, {@code isv.MOBILE_NUMBER_ILLEGAL}. */
        INVALID_NUMBER(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号"),
        /** A template not approved: HTTP 200, {@code isv.SMS_TEMPLATE_ILLEGAL}. */
        TEMPLATE_ILLEGAL(200, "isv.SMS_TEMPLATE_ILLEGAL", "模板不合法(不存在或被拉黑)");

        private final int status;
        private final String code;
        private final String message;

        Failure(int status, String code, String message) {
            this.status = status;
            this.code = code;
            this.message = message;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int MAX_RECORDS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(RecordingAliyunServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Deque<AliyunStubRequest> records = new ArrayDeque<>();
    private final Map<String, Failure> failingNumbers = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(100_000);
    private Failure failNext;
    private int failNextCount;
    private Duration delay = Duration.ZERO;
    private int delayCount;
    private boolean closed;

    private RecordingAliyunServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on the loopback interface; port 0 picks a free port. */
    public static RecordingAliyunServer start(int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(DEFAULT_HOST, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("aliyun stand-in cannot listen on port " + port, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "aliyun-stand-in");
            t.setDaemon(true);
            return t;
        });
        RecordingAliyunServer stub = new RecordingAliyunServer(server, executor);
        server.createContext("/", stub::handle);
        server.setExecutor(executor);
        server.start();
        LOG.info("aliyun stand-in listening [port: {}]", server.getAddress().getPort());
        return stub;
    }

    /** What to set as the SMS and the voice endpoint. */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    public synchronized List<AliyunStubRequest> requests() {
        return List.copyOf(records);
    }

    /** The SMS it accepted, oldest first: what Alibaba would have sent. */
    public List<AliyunStubRequest> messages() {
        return requests().stream().filter(r -> r.isSms() && r.accepted()).toList();
    }

    /** The IVR calls it accepted, oldest first. */
    public List<AliyunStubRequest> calls() {
        return requests().stream().filter(r -> r.isCall() && r.accepted()).toList();
    }

    /** Forgets the records and every failure it was told to produce. */
    public synchronized void clear() {
        records.clear();
        failingNumbers.clear();
        failNextCount = 0;
        delayCount = 0;
    }

    /** Refuses the next {@code count} requests as {@code failure} says. */
    public synchronized void failNext(Failure failure, int count) {
        failNext = failure;
        failNextCount = count;
    }

    /** Refuses every request to this national number ({@code 13800000001}) until {@link #clear()}. */
    public void failFor(String number, Failure failure) {
        failingNumbers.put(number, failure);
    }

    /** Holds the answer to the next {@code count} requests for {@code delay} (to provoke client timeouts). */
    public synchronized void delayNext(Duration delay, int count) {
        this.delay = delay;
        this.delayCount = count;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant receivedAt = Instant.now();
            Map<String, String> params = new HashMap<>(TwilioStubJson.parseForm(exchange.getRequestURI().getRawQuery()));
            TwilioStubJson.parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .forEach(params::putIfAbsent);
            // Older SDKs (dyvmsapi 2.x) sign the RPC way with Action in the query; newer ones (dysmsapi 3.x) sign
            // with ACS3 and name the action in a header.
            String action = params.getOrDefault("Action", exchange.getRequestHeaders().getFirst("x-acs-action"));
            holdIfTold();
            int status = 200;
            ObjectNode body = JSON.createObjectNode();
            String id = null;
            Failure failure = forcedFailure(number(action, params));
            if (!"SendSms".equals(action) && !"IvrCall".equals(action)) {
                status = 404;
                body.put("Code", "InvalidAction.NotFound").put("Message", "Specified api is not found");
            } else if (failure != null) {
                LOG.info("aliyun stand-in fails a request as told [action: {}, code: {}]", action, failure.code);
                status = failure.status;
                body.put("Code", failure.code).put("Message", failure.message);
            } else if (number(action, params) == null) {
                body.put("Code", "isv.MOBILE_NUMBER_ILLEGAL").put("Message", "非法手机号");
            } else {
                body.put("Code", "OK").put("Message", "OK");
                long n = ids.incrementAndGet();
                id = "SendSms".equals(action) ? n + "^" + (n * 7) : (n * 13) + "^" + n;
                body.put("SendSms".equals(action) ? "BizId" : "CallId", id);
                LOG.info("aliyun stand-in recorded [action: {}, id: {}, template: {}, outId: {}]", action, id,
                        "SendSms".equals(action) ? params.get("TemplateCode") : params.get("StartCode"), params.get("OutId"));
            }
            body.put("RequestId", UUID.randomUUID().toString().toUpperCase());
            record(new AliyunStubRequest(action, params, status, body.path("Code").asText(), id, receivedAt));
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String number(String action, Map<String, String> params) {
        String n = "SendSms".equals(action) ? params.get("PhoneNumbers") : params.get("CalledNumber");
        return n == null || n.isBlank() ? null : n;
    }

    private synchronized Failure forcedFailure(String number) {
        Failure forNumber = number == null ? null : failingNumbers.get(number);
        if (forNumber != null) {
            return forNumber;
        }
        if (failNextCount > 0) {
            failNextCount--;
            return failNext;
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

    private synchronized void record(AliyunStubRequest r) {
        if (records.size() >= MAX_RECORDS) {
            records.removeFirst();
        }
        records.addLast(r);
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
        LOG.info("aliyun stand-in stopped");
    }
}
