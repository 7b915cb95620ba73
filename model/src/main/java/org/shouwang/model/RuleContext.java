package org.shouwang.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the rules must know of the world beyond the devices' messages, loaded from the registry: which
 * elder and street each device belongs to, the thresholds set for the district, streets and elders,
 * where extreme-weather mode is on, and the recorded absences.
 *
 * @param devices                installed, active devices of active elders
 * @param district               thresholds set for the whole district (fields may be null)
 * @param streets                thresholds set per street
 * @param elders                 thresholds set per elder
 * @param extremeWeatherDistrict extreme-weather mode is on district-wide (every street)
 * @param extremeWeatherStreets  streets where it is on by themselves
 * @param absences               absences that have not ended long ago (the rules ignore those anyway)
 */
public record RuleContext(List<DeviceHome> devices, RuleThresholds district, Map<String, RuleThresholds> streets,
                          Map<Long, RuleThresholds> elders, boolean extremeWeatherDistrict,
                          Set<String> extremeWeatherStreets, List<Absence> absences) {

    /**
     * One device and whose home it is in. {@code lastSeenAt} and {@code online} are the registry's last
     * known condition, used to judge silence of devices that sent nothing in the recovery period.
     */
    /** @param cadence the device's own upload cadence; null: the district's {@code meterReportInterval} applies */
    public record DeviceHome(String deviceId, DeviceKind kind, long elderId, String street, Instant lastSeenAt,
                             Boolean online, UploadCadence cadence) {

        public DeviceHome(String deviceId, DeviceKind kind, long elderId, String street, Instant lastSeenAt,
                          Boolean online) {
            this(deviceId, kind, elderId, street, lastSeenAt, online, null);
        }
    }

    public RuleContext {
        devices = devices == null ? List.of() : List.copyOf(devices);
        district = district == null ? RuleThresholds.NONE : district;
        streets = streets == null ? Map.of() : Map.copyOf(streets);
        elders = elders == null ? Map.of() : Map.copyOf(elders);
        extremeWeatherStreets = extremeWeatherStreets == null ? Set.of() : Set.copyOf(extremeWeatherStreets);
        absences = absences == null ? List.of() : List.copyOf(absences);
    }

    /** Nothing known: every device is judged by the configured defaults. */
    public static RuleContext empty() {
        return new RuleContext(List.of(), RuleThresholds.NONE, Map.of(), Map.of(), false, Set.of(), List.of());
    }

    /** True when extreme-weather mode applies to {@code street} (district-wide or the street's own switch). */
    public boolean extremeWeather(String street) {
        return extremeWeatherDistrict || (street != null && extremeWeatherStreets.contains(street));
    }
}
