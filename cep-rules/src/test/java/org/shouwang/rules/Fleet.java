package org.shouwang.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.shouwang.model.Absence;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleThresholds;
import org.shouwang.sim.Home;
import org.shouwang.sim.HomeScenario;

/**
 * Simulated homes with the registry that goes with them: elder {@code i} lives in home {@code i}
 * ({@code meter-i}, {@code button-i}) on one of Gusu's streets; meters that wake every four hours get
 * that report interval as an elder override, as a site would set it.
 */
final class Fleet {

    private static final List<String> STREETS = List.of("平江街道", "沧浪街道", "双塔街道", "虎丘街道");

    final List<HomeScenario> scenarios = new ArrayList<>();
    private final List<RuleContext.DeviceHome> devices = new ArrayList<>();
    private final Map<Long, RuleThresholds> elders = new HashMap<>();
    private final List<Absence> absences = new ArrayList<>();

    static Home home(int i) {
        return new Home(String.format("meter-%02d", i), String.format("button-%02d", i));
    }

    /** Adds home {@code i}, built by {@code scenario} from its home and a seed. */
    Fleet add(int i, BiFunction<Home, Long, HomeScenario> scenario) {
        Home home = home(i);
        scenarios.add(scenario.apply(home, 1000L + i));
        String street = STREETS.get(i % STREETS.size());
        devices.add(new RuleContext.DeviceHome(home.meterId(), DeviceKind.WATER_METER, i, street, null, null));
        devices.add(new RuleContext.DeviceHome(home.buttonId(), DeviceKind.CALL_BUTTON, i, street, null, null));
        return this;
    }

    Fleet reportInterval(int i, Duration interval) {
        elders.merge((long) i, RuleThresholds.NONE.withMeterReportInterval(interval), RuleThresholds::overlay);
        return this;
    }

    Fleet absence(int i, java.time.Instant from, java.time.Instant to) {
        absences.add(new Absence(absences.size() + 1, i, from, to, "住院", from, "测试"));
        return this;
    }

    RuleContext context() {
        return new RuleContext(devices, RuleThresholds.NONE, Map.of(), elders, false, Set.of(), absences);
    }
}
