package org.shouwang.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.shouwang.model.WeatherModeChange;

/**
 * Extreme-weather mode (the policy's emergency mechanism): every switch for a street or district-wide,
 * kept with who and when; the mode in force is each scope's latest switch. Blocking JDBC.
 */
public final class WeatherStore {

    private static final String COLUMNS = "id, street, switched_on, changed_at, changed_by";

    private final Jdbc jdbc;

    public WeatherStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** Switches the mode for {@code street} (null: district-wide); a switch to the mode in force is kept too. */
    public WeatherModeChange switchMode(String street, boolean on, String actor, Instant at) {
        return jdbc.one("INSERT INTO weather_mode_change (street, switched_on, changed_at, changed_by) VALUES (?, ?, ?, ?)"
                + " RETURNING " + COLUMNS, WeatherStore::change, street, on, at, actor).orElseThrow();
    }

    /** The latest switch of each scope that was ever switched: district-wide (street null) first. */
    public List<WeatherModeChange> current() {
        return jdbc.list("SELECT DISTINCT ON (coalesce(street, '')) " + COLUMNS + " FROM weather_mode_change"
                + " ORDER BY coalesce(street, ''), changed_at DESC, id DESC", WeatherStore::change);
    }

    /** Every switch, newest first. */
    public List<WeatherModeChange> history(int limit) {
        return jdbc.list("SELECT " + COLUMNS + " FROM weather_mode_change ORDER BY changed_at DESC, id DESC LIMIT ?",
                WeatherStore::change, limit);
    }

    private static WeatherModeChange change(ResultSet rs) throws SQLException {
        return new WeatherModeChange(rs.getLong("id"), rs.getString("street"), rs.getBoolean("switched_on"),
                Jdbc.instant(rs, "changed_at"), rs.getString("changed_by"));
    }
}
