package org.shouwang.care;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.shouwang.db.CareStore;
import org.shouwang.model.care.DutyRole;

/**
 * How often each role must contact an elder: the policy's frequencies (part 二: community worker at least twice
 * a week, neighbour or volunteer at least once a day, home-care organisation at least two calls a week), under
 * each street's own settings. In extreme weather every role contacts daily ({@link #EXTREME_WEATHER}).
 */
public record DutyPolicy(Map<DutyRole, Frequency> defaults, Map<String, Map<DutyRole, Frequency>> streets) {

    /** Part 三: in severe cold, heat or extreme weather, at least one visit or call a day, from every role. */
    public static final Frequency EXTREME_WEATHER = Frequency.daily(1);

    public DutyPolicy {
        defaults = Map.copyOf(defaults);
        for (DutyRole r : DutyRole.values()) {
            Objects.requireNonNull(defaults.get(r), () -> "no default frequency for " + r);
        }
        Map<String, Map<DutyRole, Frequency>> copy = new HashMap<>();
        streets.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        streets = Map.copyOf(copy);
    }

    /** The policy's own frequencies, for every street. */
    public static DutyPolicy policy() {
        Map<DutyRole, Frequency> d = new EnumMap<>(DutyRole.class);
        d.put(DutyRole.COMMUNITY_WORKER, Frequency.weekly(2));
        d.put(DutyRole.NEIGHBOUR_VOLUNTEER, Frequency.daily(1));
        d.put(DutyRole.HOME_CARE_ORG, Frequency.weekly(2));
        return new DutyPolicy(d, Map.of());
    }

    /** The policy's frequencies under the streets' settings as stored. */
    public static DutyPolicy of(List<CareStore.DutySetting> settings) {
        Map<String, Map<DutyRole, Frequency>> streets = new HashMap<>();
        for (CareStore.DutySetting s : settings) {
            streets.computeIfAbsent(s.street(), k -> new EnumMap<>(DutyRole.class))
                    .put(s.role(), new Frequency(s.contacts(), Frequency.Period.valueOf(s.period())));
        }
        return new DutyPolicy(policy().defaults(), streets);
    }

    /** The frequency for {@code role} in {@code street} in normal weather. */
    public Frequency normal(String street, DutyRole role) {
        Map<DutyRole, Frequency> own = street == null ? null : streets.get(street);
        return own != null && own.containsKey(role) ? own.get(role) : defaults.get(role);
    }
}
