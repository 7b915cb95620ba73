package org.shouwang.rules;

import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPStatement;
import com.espertech.esper.runtime.client.UpdateListener;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import org.shouwang.model.Alert;
import org.shouwang.model.Rule;

/** Turns the output of the {@code button-pressed} statement into BUTTON_PRESSED alerts. */
final class ButtonPressedListener implements UpdateListener {

    private final Consumer<Alert> sink;

    ButtonPressedListener(Consumer<Alert> sink) {
        this.sink = sink;
    }

    /**
     * The id is built from the device's message id, so a press redelivered by MQTT (QoS 1) yields the
     * same alert id and the notifier pages only once.
     */
    static String alertId(String deviceId, String msgId) {
        return Rule.BUTTON_PRESSED + ":" + deviceId + ":" + msgId;
    }

    @Override
    public void update(EventBean[] newEvents, EventBean[] oldEvents, EPStatement statement, EPRuntime runtime) {
        if (newEvents == null) {
            return;
        }
        for (EventBean event : newEvents) {
            String deviceId = (String) event.get("deviceId");
            String msgId = (String) event.get("msgId");
            String action = (String) event.get("action");
            Instant at = Instant.ofEpochMilli((Long) event.get("raisedAt"));
            String detail = "button " + action.toLowerCase(Locale.ROOT).replace('_', ' ');
            sink.accept(new Alert(alertId(deviceId, msgId), Rule.BUTTON_PRESSED, deviceId, at, detail));
        }
    }
}
