package org.shouwang.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadParserTest {

    private static final Instant NOW = Instant.parse("2026-11-29T02:00:00Z");
    private final PayloadParser parser = new PayloadParser(PayloadLimits.DEFAULTS);

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesTelemetryWithBatchedIntervalsAndIgnoresUnknownFields() throws Exception {
        Telemetry t = parser.telemetry("meter-1", bytes("""
                {"v":1,"msgId":"42","ts":"2026-11-29T09:59:00+08:00","totalLiters":123456.7,
                 "intervals":[{"start":"2026-11-29T08:00:00+08:00","end":"2026-11-29T09:00:00+08:00","liters":3.2},
                              {"start":"2026-11-29T09:00:00+08:00","end":"2026-11-29T10:00:00+08:00","liters":1.0}],
                 "flowLpm":0.0,"battery":87,"rssi":-85,"firmware":"x"}"""), NOW);

        assertThat(t.deviceId()).isEqualTo("meter-1");
        assertThat(t.msgId()).isEqualTo("42");
        assertThat(t.ts()).isEqualTo(Instant.parse("2026-11-29T01:59:00Z"));
        assertThat(t.intervals()).hasSize(2);
        assertThat(t.litersUsed()).isEqualTo(4.2, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(t.battery()).isEqualTo(87);
        assertThat(t.rssi()).isEqualTo(-85);
    }

    @Test
    void parsesButtonPress() throws Exception {
        DeviceEvent e = parser.event("btn-1", bytes("""
                {"v":1,"msgId":"a-1","ts":"2026-11-29T09:59:00+08:00","kind":"button","action":"press","battery":90}"""),
                NOW);

        assertThat(e.kind()).isEqualTo(DeviceEvent.Kind.BUTTON);
        assertThat(e.action()).isEqualTo(DeviceEvent.Action.PRESS);
        assertThat(e.code()).isNull();
    }

    @Test
    void parsesMeterAlarm() throws Exception {
        DeviceEvent e = parser.event("m-1", bytes("""
                {"v":1,"msgId":7,"ts":"2026-11-29T09:59:00+08:00","kind":"meter_alarm","code":"reverse_flow"}"""), NOW);

        assertThat(e.code()).isEqualTo(DeviceEvent.AlarmCode.REVERSE_FLOW);
        assertThat(e.msgId()).isEqualTo("7");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "not json at all                                                            | MALFORMED_JSON",
        "[1,2]                                                                      | MALFORMED_JSON",
        "{\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"totalLiters\":1}    | MISSING_FIELD",
        "{\"v\":2,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"totalLiters\":1} | UNSUPPORTED_VERSION",
        "{\"v\":1,\"ts\":\"2026-11-29T09:00:00+08:00\",\"totalLiters\":1}            | MISSING_FIELD",
        "{\"v\":1,\"msgId\":\"1\",\"totalLiters\":1}                                 | MISSING_FIELD",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"yesterday\",\"totalLiters\":1}            | INVALID_VALUE",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00\",\"totalLiters\":1}  | INVALID_VALUE",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2027-01-01T00:00:00+08:00\",\"totalLiters\":1} | FUTURE_TIMESTAMP",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"totalLiters\":\"12\"} | WRONG_TYPE",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"totalLiters\":-3} | INVALID_VALUE",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"battery\":140,\"totalLiters\":1} | INVALID_VALUE",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\"}              | MISSING_FIELD",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"intervals\":[{\"start\":\"2026-11-29T08:00:00+08:00\",\"end\":\"2026-11-29T09:00:00+08:00\",\"liters\":99999}]} | INVALID_VALUE",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"intervals\":[{\"start\":\"2026-11-29T09:00:00+08:00\",\"end\":\"2026-11-29T08:00:00+08:00\",\"liters\":1}]} | INVALID_VALUE",
    })
    void rejectsTelemetryOutsideTheContract(String json, RejectReason reason) {
        assertThatThrownBy(() -> parser.telemetry("m", bytes(json), NOW))
                .isInstanceOf(RejectedPayloadException.class)
                .extracting(e -> ((RejectedPayloadException) e).reason())
                .isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\"}                             | MISSING_FIELD",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"kind\":\"doorbell\"}         | INVALID_VALUE",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"kind\":\"button\"}           | MISSING_FIELD",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"kind\":\"meter_alarm\",\"code\":\"fire\"} | INVALID_VALUE",
        "{\"v\":1,\"msgId\":\"\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"kind\":\"button\",\"action\":\"press\"} | INVALID_VALUE",
    })
    void rejectsEventsOutsideTheContract(String json, RejectReason reason) {
        assertThatThrownBy(() -> parser.event("b", bytes(json), NOW))
                .isInstanceOf(RejectedPayloadException.class)
                .extracting(e -> ((RejectedPayloadException) e).reason())
                .isEqualTo(reason);
    }

    @Test
    void rejectsOversizePayloadBeforeParsing() {
        byte[] big = new byte[PayloadLimits.DEFAULTS.maxBytes() + 1];
        assertThatThrownBy(() -> parser.telemetry("m", big, NOW))
                .extracting(e -> ((RejectedPayloadException) e).reason())
                .isEqualTo(RejectReason.OVERSIZE);
    }
    /** What PostgreSQL cannot store must be refused here, or one message stops the writer for everyone (issue 9.1). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"v\":1,\"msgId\":\"a\\u0000b\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"totalLiters\":1}                  | INVALID_VALUE",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"totalLiters\":1,\"note\":\"x\\u0000\"}      | INVALID_VALUE",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"totalLiters\":1,\"x\":{\"y\":[\"\\u0000\"]}} | INVALID_VALUE",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"totalLiters\":1,\"a\\u0000\":1}            | INVALID_VALUE",
        "{\"v\":1,\"msgId\":\"\\ud800\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"totalLiters\":1}                   | INVALID_VALUE",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"0000-01-01T00:00:00Z\",\"totalLiters\":1}                            | PAST_TIMESTAMP",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"-999999999-01-01T00:00:00Z\",\"totalLiters\":1}                      | PAST_TIMESTAMP",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"1970-01-01T00:00:00Z\",\"totalLiters\":1}                            | PAST_TIMESTAMP",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"intervals\":[{\"start\":\"0000-01-01T00:00:00Z\",\"end\":\"2026-11-29T09:00:00+08:00\",\"liters\":1}]} | PAST_TIMESTAMP",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"totalLiters\":1,\"battery\":9223372036854775808} | INVALID_VALUE",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"totalLiters\":1,\"battery\":4294967383}      | INVALID_VALUE",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"totalLiters\":1,\"rssi\":-4294967236}        | INVALID_VALUE",
        "{\"v\":4294967297,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"totalLiters\":1}                | UNSUPPORTED_VERSION",
        "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"totalLiters\":1e400}                   | INVALID_VALUE",
    })
    void rejectsWhatTheDatabaseCouldNotStore(String json, RejectReason reason) {
        assertThatThrownBy(() -> parser.telemetry("m", bytes(json), NOW))
                .isInstanceOf(RejectedPayloadException.class)
                .extracting(e -> ((RejectedPayloadException) e).reason())
                .isEqualTo(reason);
    }

    @Test
    void rejectsAButtonEventWhoseTextCarriesANul() {
        assertThatThrownBy(() -> parser.event("b", bytes("""
                {"v":1,"msgId":"p-1","ts":"2026-11-29T09:00:00+08:00","kind":"button","action":"press","fw":"1\\u0000"}"""),
                NOW))
                .extracting(e -> ((RejectedPayloadException) e).reason())
                .isEqualTo(RejectReason.INVALID_VALUE);
    }

    @Test
    void rejectsDeepNestingAsMalformed() {
        String deep = "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2026-11-29T09:00:00+08:00\",\"totalLiters\":1,\"x\":"
                + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        assertThatThrownBy(() -> parser.telemetry("m", bytes(deep), NOW))
                .extracting(e -> ((RejectedPayloadException) e).reason())
                .isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void aRejectionDetailNeverCarriesControlCharacters() {
        assertThatThrownBy(() -> parser.telemetry("m", bytes("""
                {"v":1,"msgId":"1","ts":"2026-11-29\\u0000\\u0007T09","totalLiters":1}"""), NOW))
                .isInstanceOf(RejectedPayloadException.class)
                .extracting(e -> ((RejectedPayloadException) e).detail())
                .asString()
                .doesNotContain("\0", "\7");
    }

    @Test
    void acceptsATimestampYesterdayAndAMonthAgo() throws Exception {
        assertThat(parser.telemetry("m", bytes("""
                {"v":1,"msgId":"1","ts":"2026-10-29T09:00:00+08:00","totalLiters":1}"""), NOW).ts())
                .isEqualTo(Instant.parse("2026-10-29T01:00:00Z"));
    }
}
