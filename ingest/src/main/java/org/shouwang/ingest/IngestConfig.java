package org.shouwang.ingest;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.shouwang.model.PayloadLimits;
import org.shouwang.model.Topics;

/**
 * How ingest reaches the broker and how it batches writes.
 *
 * <p>Broker notes, checked against the brokers we run:
 * <ul>
 *   <li>Mosquitto 2.0 keeps a persistent session's plain subscriptions and queued messages across its own
 *       restart (with {@code persistence true}), and on reconnect re-sends an un-acknowledged QoS 1 message
 *       (DUP set) and the messages queued while ingest was away. It does <em>not</em> restore shared
 *       subscriptions ({@code $share/{group}/…}) from persistence (2.0.11): everything published between its
 *       restart and ingest's re-subscription is dropped (measured by {@code BrokerRestartIT}: 2,666 of 4,000).
 *       Hence a plain subscription by default. It allows {@code max_inflight_messages} (default 20)
 *       un-acknowledged messages per client and queues {@code max_queued_messages} (default 1000) for an
 *       absent one; {@code docs/mosquitto/shouwang.conf} sets both.</li>
 *   <li>Moquette 0.17 (the embedded broker of the demo) accepts a {@code $share/…} filter but treats it as
 *       a literal topic, so nothing is ever delivered: with it, set {@code sharedGroup} to null for a plain
 *       subscription. It queues messages published while a persistent session is offline, but does not
 *       re-send a message that was delivered and never acknowledged; only Mosquitto gives the full
 *       at-least-once guarantee.</li>
 * </ul>
 *
 * @param brokerUrl     {@code tcp://host:port} or {@code ssl://host:port} of the broker; for a clustered broker, its
 *                      nodes separated by commas ({@code tcp://n1:1883,tcp://n2:1883}): ingest connects to the first
 *                      that answers and, when that node is lost, to the next, resuming the same persistent session
 * @param clientId      stable MQTT client id; the broker keeps this id's session (and queues for it) while
 *                      ingest is down, so every ingest instance needs its own and must keep it across restarts
 * @param username      broker user, or null for an anonymous connection
 * @param password      broker password, or null
 * @param sharedGroup   shared-subscription group so several ingest instances split the stream; null or blank
 *                      (the default) subscribes plainly, which is the only mode that loses nothing across a
 *                      Mosquitto restart
 * @param batchSize     most messages written in one transaction (default {@value #DEFAULT_BATCH_SIZE})
 * @param batchDelay    longest wait to fill a batch once its first message is there (default 50 ms)
 * @param queueCapacity messages held between the MQTT client and the writer; when full, the MQTT client
 *                      stops reading so the broker holds the rest (default {@value #DEFAULT_QUEUE_CAPACITY})
 * @param limits        payload bounds (default {@link PayloadLimits#DEFAULTS})
 * @param writers       readings' writers, each with its own queue and transactions; a meter's readings always go
 *                      to the same one (by its id), so they are written and announced in order (default
 *                      {@value #DEFAULT_WRITERS}). Presses, alarms and statuses have a writer of their own besides.
 */
public record IngestConfig(String brokerUrl, String clientId, String username, String password, String sharedGroup,
                           int batchSize, Duration batchDelay, int queueCapacity, PayloadLimits limits, int writers) {

    /** The group name earlier versions used by default; its filters are dropped from a plain session. */
    public static final String LEGACY_SHARED_GROUP = "shouwang-ingest";
    public static final String DEFAULT_BROKER_URL = "tcp://127.0.0.1:1883";
    /** One instance's id; a second instance needs another (the broker keeps one session per id). */
    public static final String DEFAULT_CLIENT_ID = "shouwang-ingest-1";
    public static final int DEFAULT_BATCH_SIZE = 200;
    public static final Duration DEFAULT_BATCH_DELAY = Duration.ofMillis(50);
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final int DEFAULT_WRITERS = 2;

    private static final List<String> SCHEMES = List.of("tcp://", "ssl://", "ws://", "wss://");

    public IngestConfig {
        if (brokerUrl == null || brokerUrl.isBlank()) {
            throw new IllegalArgumentException("brokerUrl is required, one of " + SCHEMES + "host:port");
        }
        brokerUrl = String.join(",", urls(brokerUrl));
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId is required: the broker keeps ingest's session under it");
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("a password needs a username");
        }
        sharedGroup = sharedGroup == null || sharedGroup.isBlank() ? null : sharedGroup;
        if (sharedGroup != null && !sharedGroup.matches("[^/+#]+")) {
            throw new IllegalArgumentException("sharedGroup must not contain '/', '+' or '#'");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be within 1..10000, was " + batchSize);
        }
        if (batchDelay == null || batchDelay.isNegative() || batchDelay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("batchDelay must be within 0..10 s");
        }
        if (queueCapacity < batchSize) {
            throw new IllegalArgumentException("queueCapacity must hold at least one batch (" + batchSize + ")");
        }
        limits = limits == null ? PayloadLimits.DEFAULTS : limits;
        if (writers < 1 || writers > 16) {
            throw new IllegalArgumentException("writers must be within 1..16, was " + writers);
        }
        if (queueCapacity / writers < batchSize) {
            throw new IllegalArgumentException("queueCapacity must hold a batch (" + batchSize + ") for each of the "
                    + writers + " writers");
        }
    }

    /** With the default number of readings' writers. */
    public IngestConfig(String brokerUrl, String clientId, String username, String password, String sharedGroup,
                        int batchSize, Duration batchDelay, int queueCapacity, PayloadLimits limits) {
        this(brokerUrl, clientId, username, password, sharedGroup, batchSize, batchDelay, queueCapacity, limits,
                DEFAULT_WRITERS);
    }

    /** Defaults for everything but where the broker is and who ingest is. */
    public static IngestConfig of(String brokerUrl, String clientId) {
        return new IngestConfig(brokerUrl, clientId, null, null, null, DEFAULT_BATCH_SIZE,
                DEFAULT_BATCH_DELAY, DEFAULT_QUEUE_CAPACITY, PayloadLimits.DEFAULTS);
    }

    /** Another broker (or another list of a cluster's nodes), everything else kept. */
    public IngestConfig withBrokerUrl(String url) {
        return new IngestConfig(url, clientId, username, password, sharedGroup, batchSize, batchDelay,
                queueCapacity, limits, writers);
    }

    public IngestConfig withCredentials(String username, String password) {
        return new IngestConfig(brokerUrl, clientId, username, password, sharedGroup, batchSize, batchDelay,
                queueCapacity, limits, writers);
    }

    /** A group name, or null for a plain subscription (needed with Moquette). */
    public IngestConfig withSharedGroup(String group) {
        return new IngestConfig(brokerUrl, clientId, username, password, group, batchSize, batchDelay,
                queueCapacity, limits, writers);
    }

    public IngestConfig withBatching(int size, Duration delay, int capacity) {
        return new IngestConfig(brokerUrl, clientId, username, password, sharedGroup, size, delay, capacity, limits,
                writers);
    }

    public IngestConfig withLimits(PayloadLimits payloadLimits) {
        return new IngestConfig(brokerUrl, clientId, username, password, sharedGroup, batchSize, batchDelay,
                queueCapacity, payloadLimits, writers);
    }

    public IngestConfig withWriters(int readingWriters) {
        return new IngestConfig(brokerUrl, clientId, username, password, sharedGroup, batchSize, batchDelay,
                queueCapacity, limits, readingWriters);
    }

    /** The broker's nodes, in the order ingest tries them: one for a single broker. */
    public List<String> brokerUrls() {
        return urls(brokerUrl);
    }

    private static List<String> urls(String list) {
        List<String> urls = Arrays.stream(list.split(",")).map(String::trim).toList();
        for (String url : urls) {
            if (SCHEMES.stream().noneMatch(url::startsWith) || url.length() <= url.indexOf("//") + 2) {
                throw new IllegalArgumentException("brokerUrl must be a comma-separated list of " + SCHEMES
                        + "host:port, was '" + url + "'");
            }
        }
        if (urls.stream().distinct().count() != urls.size()) {
            throw new IllegalArgumentException("brokerUrl names a node twice: " + list);
        }
        return urls;
    }

    /** The three device channels, shared within {@link #sharedGroup} when one is set. */
    public List<String> subscriptionFilters() {
        return subscriptionFilters(Topics.Channel.values());
    }

    /** The filters for some channels, shared when a group is set. */
    public List<String> subscriptionFilters(Topics.Channel... channels) {
        String prefix = sharedGroup == null ? "" : "$share/" + sharedGroup + "/";
        return Arrays.stream(channels).map(c -> prefix + Topics.filter(c)).toList();
    }

    /**
     * The filters of the other subscription mode for these channels: a persistent session keeps what an earlier
     * run subscribed, and a session holding both a plain and a shared subscription gets every message twice.
     */
    public List<String> otherModeFilters(Topics.Channel... channels) {
        String group = sharedGroup == null ? LEGACY_SHARED_GROUP : null;
        String prefix = group == null ? "" : "$share/" + group + "/";
        return Arrays.stream(channels).map(c -> prefix + Topics.filter(c)).toList();
    }

    /**
     * The client id of the session that carries button presses, alarms and statuses. It is separate from
     * the readings' session ({@link #clientId}) so an alarm never waits in the broker behind a backlog of
     * meter readings: each session has its own queue and in-flight window.
     */
    public String alarmClientId() {
        return clientId + "-alarms";
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "IngestConfig[brokerUrl=" + brokerUrl + ", clientId=" + clientId + ", username=" + username
                + ", password=" + (password == null ? "null" : "***") + ", sharedGroup=" + sharedGroup
                + ", batchSize=" + batchSize + ", batchDelay=" + batchDelay + ", queueCapacity=" + queueCapacity
                + ", limits=" + limits + ", writers=" + writers + "]";
    }
}
