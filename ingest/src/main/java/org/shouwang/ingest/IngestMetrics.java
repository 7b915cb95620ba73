package org.shouwang.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.shouwang.model.RejectReason;

/**
 * What ingest did with the stream, as Micrometer meters in the registry the composition root gives
 * ({@code shouwang.ingest.*}, scraped at {@code /metrics}); the getters read the same meters, for the log and
 * tests. Message outcomes are counted once their batch has committed, so a retried batch is not counted twice.
 */
public final class IngestMetrics {

    static final String PREFIX = "shouwang.ingest.";

    private final Counter received;
    private final Counter redelivered;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter statusUpdates;
    private final Counter ignored;
    private final Counter acked;
    private final Counter ackSkipped;
    private final Timer commits;
    private final Counter writeFailures;
    private final Counter dropped;
    private final Counter announcedAhead;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);

    /** Meters of their own, seen by nobody but the getters (tests, the log line at stop). */
    public IngestMetrics() {
        this(new SimpleMeterRegistry());
    }

    public IngestMetrics(MeterRegistry registry) {
        received = counter(registry, "messages.received", "Messages handed over by the MQTT client, redeliveries included");
        redelivered = counter(registry, "messages.redelivered", "Messages the broker marked as a redelivery (DUP flag)");
        accepted = counter(registry, "messages.accepted", "New telemetry and device events made durable");
        duplicates = counter(registry, "messages.duplicate", "Messages whose (device, msgId) was already stored");
        statusUpdates = counter(registry, "statuses.recorded", "Online/offline announcements recorded");
        ignored = counter(registry, "messages.ignored", "Statuses of unregistered devices and cleared retained statuses");
        acked = counter(registry, "acks.sent", "Acknowledgements sent to the broker, each after its batch committed");
        ackSkipped = counter(registry, "acks.skipped", "Acknowledgements not sent: the message's connection was gone");
        commits = Timer.builder(PREFIX + "batch.commit").description("Time to write and commit one batch")
                .publishPercentileHistogram().register(registry);
        writeFailures = counter(registry, "write.failures", "Failed attempts to write a batch (each retried or split)");
        dropped = counter(registry, "messages.dropped", "Messages neither stored nor quarantined (even quarantine refused)");
        announcedAhead = counter(registry, "events.announced.ahead",
                "Device events announced from memory while the database could not take them");
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, Counter.builder(PREFIX + "messages.rejected").tag("reason", r.name())
                    .description("Messages refused and quarantined, by reason").register(registry));
        }
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(PREFIX + name).description(description).register(registry);
    }

    private static long count(Counter c) {
        return (long) c.count();
    }

    /** Messages handed over by the MQTT client, redeliveries included. */
    public long received() {
        return count(received);
    }

    /** Messages the broker marked as a redelivery (DUP flag). */
    public long redelivered() {
        return count(redelivered);
    }

    /** New telemetry and events made durable. */
    public long accepted() {
        return count(accepted);
    }

    /** Messages whose (device, msgId) was already stored. */
    public long duplicates() {
        return count(duplicates);
    }

    /** Online/offline announcements recorded for registered devices. */
    public long statusUpdates() {
        return count(statusUpdates);
    }

    /** Messages dropped without quarantine: statuses of unregistered devices and cleared retained statuses. */
    public long ignored() {
        return count(ignored);
    }

    public long rejected(RejectReason reason) {
        return count(rejected.get(reason));
    }

    public long rejectedTotal() {
        return Arrays.stream(RejectReason.values()).mapToLong(this::rejected).sum();
    }

    /** Acknowledgements sent to the broker, each after its batch committed. */
    public long acked() {
        return count(acked);
    }

    /** Acknowledgements not sent because the connection the message came on was gone; the broker re-sends. */
    public long ackSkipped() {
        return count(ackSkipped);
    }

    /** Batches committed. */
    public long batches() {
        return commits.count();
    }

    /** Failed attempts to write a batch (each is retried, or split when the database refused its data). */
    public long writeFailures() {
        return count(writeFailures);
    }

    /** Messages acknowledged without being stored or quarantined, because even quarantine refused them. */
    public long dropped() {
        return count(dropped);
    }

    /** Device events announced from memory while the database could not take them (issue 9.10). */
    public long announcedAhead() {
        return count(announcedAhead);
    }

    void countAnnouncedAhead(int n) {
        announcedAhead.increment(n);
    }

    void countDropped() {
        dropped.increment();
    }

    void countReceived(boolean duplicateFlag) {
        received.increment();
        if (duplicateFlag) {
            redelivered.increment();
        }
    }

    /** A batch committed after {@code commitNanos} of writing. */
    void batchCommitted(int acceptedCount, int duplicateCount, int statusCount, int ignoredCount, long commitNanos) {
        commits.record(commitNanos, TimeUnit.NANOSECONDS);
        accepted.increment(acceptedCount);
        duplicates.increment(duplicateCount);
        statusUpdates.increment(statusCount);
        ignored.increment(ignoredCount);
    }

    void countRejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    void countAcked() {
        acked.increment();
    }

    void countAckSkipped() {
        ackSkipped.increment();
    }

    void countWriteFailure() {
        writeFailures.increment();
    }

    @Override
    public String toString() {
        return "IngestMetrics[received=" + received() + ", accepted=" + accepted() + ", duplicates=" + duplicates()
                + ", rejected=" + rejectedTotal() + ", acked=" + acked() + ", writeFailures=" + writeFailures() + "]";
    }
}
