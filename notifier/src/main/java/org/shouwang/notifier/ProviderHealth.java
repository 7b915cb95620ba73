package org.shouwang.notifier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether a paging provider (Twilio, and later a domestic one) takes pages, judged by the last attempts the
 * notifier made through it: down when the last attempt failed for the provider's sake and none succeeded
 * since. A page the provider refused for its recipient (an invalid number) proves the provider answers, so it
 * counts as the provider working; bad credentials (401/403) do not. Pages are rare, so one failure is enough:
 * until the next page there is nothing else to judge the provider by. Thread-safe.
 */
public final class ProviderHealth {

    private final String name;
    private final Clock clock;
    private Instant lastSuccess;
    private Instant lastFailure;
    private String lastFailureWhy;

    public ProviderHealth(String name, Clock clock) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a provider needs a name");
        }
        this.name = name;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Also as the gauge {@code shouwang.provider.up} (1 up, 0 down) tagged with the provider's name. */
    public ProviderHealth(String name, Clock clock, MeterRegistry registry) {
        this(name, clock);
        Gauge.builder("shouwang.provider.up", this, p -> p.problem() == null ? 1 : 0).tag("provider", name)
                .description("1 while the paging provider's last attempt did not fail for its sake").register(registry);
    }

    public String name() {
        return name;
    }

    /** The provider took a page, or answered about one (refused its recipient). */
    public synchronized void succeeded() {
        lastSuccess = clock.instant();
    }

    /** An attempt failed; counts against the provider only when {@link #providerTrouble} says so. */
    public synchronized void failed(ChannelException e) {
        if (providerTrouble(e)) {
            lastFailure = clock.instant();
            lastFailureWhy = why(e);
        } else {
            lastSuccess = clock.instant();
        }
    }

    /** An attempt broke in our own code (a bug): not the provider's fault, but nothing was sent either. */
    public synchronized void broke(RuntimeException e) {
        lastFailure = clock.instant();
        lastFailureWhy = "发送出错（" + e.getClass().getSimpleName() + "）";
    }

    /**
     * No connection, no answer in time, a server error or throttling, or a refusal of the account itself
     * (401/403, missing credentials: no status) are the provider's trouble; a 4xx about one page is not.
     */
    static boolean providerTrouble(ChannelException e) {
        if (!e.isPermanent()) {
            return true;
        }
        Integer status = e.httpStatus();
        return status == null || status == 401 || status == 403;
    }

    private static String why(ChannelException e) {
        if (e.httpStatus() != null) {
            return "HTTP " + e.httpStatus() + (e.providerCode() == null ? "" : "，错误码 " + e.providerCode());
        }
        return e.isUncertain() ? "未在时限内应答" : e.isPermanent() ? "请求无法发出（账号或证书）" : "无法连接";
    }

    /** When the provider last took a page (or answered about one); null before any. */
    public synchronized Instant lastSuccess() {
        return lastSuccess;
    }

    /** When an attempt last failed for the provider's sake; null before any. */
    public synchronized Instant lastFailure() {
        return lastFailure;
    }

    /** Why that attempt failed, in Chinese, without personal data ("HTTP 503，错误码 …"); null before any. */
    public synchronized String lastFailureWhy() {
        return lastFailureWhy;
    }

    /** Null while the provider works (or was not tried yet); else why it counts as down, for the operator. */
    public synchronized String problem() {
        if (lastFailure == null || lastSuccess != null && !lastFailure.isAfter(lastSuccess)) {
            return null;
        }
        long ago = Math.max(0, Duration.between(lastFailure, clock.instant()).toSeconds());
        return name + " 最近一次发送失败（" + lastFailureWhy + "，" + ago + " 秒前），此后没有成功发送";
    }
}
