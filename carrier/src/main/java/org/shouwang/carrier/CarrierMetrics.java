package org.shouwang.carrier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import java.util.concurrent.TimeUnit;
import org.shouwang.model.CarrierPlatform;

/**
 * What the carrier gateway did, as Micrometer meters ({@code shouwang.carrier.*}, scraped at {@code /metrics}):
 * pushes by platform and outcome, decode results and refusals by reason. The getters read the same meters.
 */
public final class CarrierMetrics {

    static final String PREFIX = "shouwang.carrier.";

    /** What became of one HTTP push. */
    public enum Outcome { ACCEPTED, DUPLICATE, FORGED, REFUSED, FAILED }

    private final MeterRegistry registry;
    private final Timer accepting;

    public CarrierMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepting = Timer.builder(PREFIX + "push.accept").description("From request to the committed inbox row")
                .publishPercentileHistogram().register(registry);
    }

    void push(CarrierPlatform platform, Outcome outcome) {
        Counter.builder(PREFIX + "pushes").description("HTTP pushes by platform and outcome")
                .tag("platform", platform.name()).tag("outcome", outcome.name()).register(registry).increment();
    }

    void accepted(long nanos) {
        accepting.record(nanos, TimeUnit.NANOSECONDS);
    }

    void countDecoded(int n) {
        Counter.builder(PREFIX + "inbox.decoded").description("Inbox rows decoded into readings, events, statuses")
                .register(registry).increment(n);
    }

    void countRejected(String reason) {
        Counter.builder(PREFIX + "inbox.rejected").description("Inbox rows refused for good, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    void countUnbound() {
        Counter.builder(PREFIX + "inbox.unbound").description("Inbox rows parked: their identity is bound to no device")
                .register(registry).increment();
    }

    public long pushes(CarrierPlatform platform, Outcome outcome) {
        return count(Search.in(registry).name(PREFIX + "pushes").tag("platform", platform.name())
                .tag("outcome", outcome.name()));
    }

    public long rejected(String reason) {
        return count(Search.in(registry).name(PREFIX + "inbox.rejected").tag("reason", reason));
    }

    public long decoded() {
        return count(Search.in(registry).name(PREFIX + "inbox.decoded"));
    }

    private static long count(Search search) {
        Counter c = search.counter();
        return c == null ? 0 : (long) c.count();
    }
}
