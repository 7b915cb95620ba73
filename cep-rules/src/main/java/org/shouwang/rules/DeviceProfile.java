package org.shouwang.rules;

import java.time.Duration;
import java.util.Map;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleThresholds;
import org.shouwang.model.UploadCadence;

/**
 * The thresholds one device is judged by: the configured defaults, then the district's, its street's and
 * its elder's overrides, with extreme-weather mode applied to the no-water window.
 *
 * @param elderId 0 for a device the registry does not know (judged by district defaults)
 * @param cadence the meter's own upload cadence (a carrier meter uploading daily), or null for the district's
 */
record DeviceProfile(String deviceId, DeviceKind kind, long elderId, String street, boolean known,
                     RuleThresholds thresholds, boolean extremeWeather, UploadCadence cadence) {

    /** A meter misses three report intervals before it counts as silent (DESIGN.md). */
    static final int SILENT_INTERVALS = 3;

    static DeviceProfile of(RuleThresholds defaults, RuleContext context, RuleContext.DeviceHome home) {
        RuleThresholds t = defaults.overlay(context.district())
                .overlay(context.streets().get(home.street()))
                .overlay(context.elders().get(home.elderId()));
        return new DeviceProfile(home.deviceId(), home.kind(), home.elderId(), home.street(), true, t,
                context.extremeWeather(home.street()), home.cadence());
    }

    /** A device that sent a message but is not in the registry snapshot (tests, or the registry lags). */
    static DeviceProfile unknown(RuleThresholds defaults, RuleContext context, String deviceId, DeviceKind kind) {
        return new DeviceProfile(deviceId, kind, 0, null, false, defaults.overlay(context.district()),
                context.extremeWeatherDistrict(), null);
    }

    /** The window NO_WATER_USE uses now; the extreme one never makes it longer. */
    Duration noWaterWindow() {
        Duration normal = thresholds.noWaterWindow();
        Duration extreme = thresholds.noWaterWindowExtreme();
        return extremeWeather && extreme.compareTo(normal) < 0 ? extreme : normal;
    }

    /**
     * A button: its heartbeat. A meter with its own cadence: that many missed uploads (a daily meter with 3 is
     * silent after three days, not three hours); otherwise three of the district's report intervals.
     */
    Duration silentAfter() {
        if (kind == DeviceKind.CALL_BUTTON) {
            return thresholds.buttonHeartbeat();
        }
        return cadence != null ? cadence.silentAfter() : thresholds.meterReportInterval().multipliedBy(SILENT_INTERVALS);
    }

    /** The row of the {@code DeviceRules} table; {@code active} false takes the device off the watch. */
    Map<String, Object> rulesEvent(boolean active) {
        return Map.ofEntries(
                Map.entry("deviceId", deviceId),
                Map.entry("kind", kind.name()),
                Map.entry("elderId", elderId),
                Map.entry("active", active),
                Map.entry("noWaterWindowMs", noWaterWindow().toMillis()),
                Map.entry("noWaterMinLiters", thresholds.noWaterMinLiters()),
                Map.entry("extremeWeather", extremeWeather),
                Map.entry("flowMs", thresholds.continuousFlow().toMillis()),
                Map.entry("flowMinLpm", thresholds.continuousFlowMinLpm()),
                Map.entry("highUseLiters", thresholds.highUseLiters()),
                Map.entry("silentAfterMs", silentAfter().toMillis()),
                Map.entry("batteryLowPercent", thresholds.lowBatteryPercent()),
                Map.entry("alarmQuietMs", thresholds.meterAlarmQuiet().toMillis()));
    }
}
