package org.shouwang.sim;

import java.time.Clock;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Topics;

/** A one-touch call button on the elder's wall or wrist: press, long press, cancel. */
public final class CallButton extends SimulatedDevice {

    private volatile int battery = 95;

    public CallButton(String brokerUrl, String deviceId, Clock clock) {
        this(brokerUrl, deviceId, null, clock);
    }

    public CallButton(String brokerUrl, String deviceId, String password, Clock clock) {
        super(brokerUrl, deviceId, password, clock);
    }

    /** The elder presses the button; returns the message id sent. */
    public String press() {
        return act(DeviceEvent.Action.PRESS, nextMsgId());
    }

    /** Presses with a chosen message id, e.g. to repeat one the platform has already seen. */
    public String press(String msgId) {
        return act(DeviceEvent.Action.PRESS, msgId);
    }

    public String longPress() {
        return act(DeviceEvent.Action.LONG_PRESS, nextMsgId());
    }

    public String cancel() {
        return act(DeviceEvent.Action.CANCEL, nextMsgId());
    }

    public String act(DeviceEvent.Action action, String msgId) {
        return send(Topics.Channel.EVENT, msgId, DevicePayloads.button(msgId, clock.instant(), action, battery));
    }

    public int battery() {
        return battery;
    }

    public void battery(int percent) {
        this.battery = percent;
    }
}
