package org.shouwang.console;

import org.shouwang.db.RuleThresholdStore;
import org.shouwang.db.WeatherStore;
import org.shouwang.model.Elder;
import org.shouwang.model.RuleThresholdOverride;
import org.shouwang.model.RuleThresholdOverride.Scope;
import org.shouwang.model.RuleThresholds;
import org.shouwang.model.WeatherModeChange;

/**
 * The thresholds and extreme-weather mode a scope is judged by, layered as the rule engine layers them
 * ({@code DeviceProfile}, {@code RuleStore.context}): the configured defaults, then the district's, the street's and
 * the elder's overrides; extreme weather is on for a street when it is on district-wide or for that street. The
 * rules API shows and checks thresholds with it and the routine chart learns with it. Blocking JDBC.
 */
final class EffectiveRules {

    private final RuleThresholdStore thresholds;
    private final WeatherStore weather;
    /** The configured district-wide thresholds the engine runs with, under every override. */
    private final RuleThresholds defaults;

    EffectiveRules(RuleThresholdStore thresholds, WeatherStore weather, RuleThresholds defaults) {
        this.thresholds = thresholds;
        this.weather = weather;
        this.defaults = defaults;
    }

    RuleThresholds defaults() {
        return defaults;
    }

    /** What the scope sets itself (NONE when nothing). */
    RuleThresholds own(Scope scope, String street, Long elderId) {
        return thresholds.find(scope, street, elderId).map(RuleThresholdOverride::thresholds).orElse(RuleThresholds.NONE);
    }

    /** The defaults under the three levels' own settings; a null level sets nothing. */
    RuleThresholds layered(RuleThresholds district, RuleThresholds street, RuleThresholds elder) {
        return defaults.overlay(district).overlay(street).overlay(elder);
    }

    /** What the elder's devices are judged by now. */
    RuleThresholds of(Elder elder) {
        return layered(own(Scope.DISTRICT, null, null), own(Scope.STREET, elder.street(), null),
                own(Scope.ELDER, null, elder.id()));
    }

    /** Extreme-weather mode is in force for the street (switched on district-wide or for it). */
    boolean extremeWeather(String street) {
        boolean district = false;
        boolean own = false;
        for (WeatherModeChange w : weather.current()) {
            if (w.districtWide()) {
                district = w.on();
            } else if (w.street().equals(street)) {
                own = w.on();
            }
        }
        return district || own;
    }
}
