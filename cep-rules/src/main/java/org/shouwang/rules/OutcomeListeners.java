package org.shouwang.rules;

import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPStatement;
import com.espertech.esper.runtime.client.UpdateListener;
import java.time.Instant;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two ends of the rules: {@code alert-out} rows become {@link Alert}s, {@code clear-out} rows {@link AlertCleared}s. */
final class OutcomeListeners {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeListeners.class);

    private OutcomeListeners() {
    }

    static UpdateListener alerts(RuleSink sink) {
        return (EventBean[] newEvents, EventBean[] oldEvents, EPStatement statement, EPRuntime runtime) -> {
            if (newEvents == null) {
                return;
            }
            for (EventBean e : newEvents) {
                Alert alert = new Alert((String) e.get("alertId"), Rule.valueOf((String) e.get("rule")),
                        (String) e.get("deviceId"), Instant.ofEpochMilli((Long) e.get("atMs")), (String) e.get("detail"));
                LOG.info("alert raised [rule: {}, device: {}, alert: {}]", alert.rule(), alert.deviceId(), alert.alertId());
                sink.raised(alert, (String) e.get("episode"));
            }
        };
    }

    static UpdateListener clears(RuleSink sink) {
        return (EventBean[] newEvents, EventBean[] oldEvents, EPStatement statement, EPRuntime runtime) -> {
            if (newEvents == null) {
                return;
            }
            for (EventBean e : newEvents) {
                AlertCleared cleared = new AlertCleared((String) e.get("alertId"), Rule.valueOf((String) e.get("rule")),
                        (String) e.get("deviceId"), Instant.ofEpochMilli((Long) e.get("atMs")), (String) e.get("detail"));
                LOG.info("alert cleared [rule: {}, device: {}, alert: {}]", cleared.rule(), cleared.deviceId(),
                        cleared.alertId());
                sink.cleared(cleared, (String) e.get("episode"));
            }
        };
    }
}
