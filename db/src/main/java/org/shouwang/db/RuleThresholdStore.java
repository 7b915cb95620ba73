package org.shouwang.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.shouwang.model.Json;
import org.shouwang.model.RuleThresholdOverride;
import org.shouwang.model.RuleThresholdOverride.Scope;
import org.shouwang.model.RuleThresholds;

/**
 * The thresholds set for the district, a street or one elder, and the history of every change. Only the
 * fields set at a level are stored; an empty set removes the level's row. Blocking JDBC.
 */
public final class RuleThresholdStore {

    private static final String COLUMNS = "scope, street, elder_id, settings::text AS settings, updated_at, updated_by";
    private static final String SAME_SCOPE = "scope = ? AND coalesce(street, '') = coalesce(?, '')"
            + " AND coalesce(elder_id, 0) = coalesce(?, 0)";

    private final Jdbc jdbc;

    public RuleThresholdStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** Every level that sets something: the district first, then streets, then elders. */
    public List<RuleThresholdOverride> all() {
        return jdbc.list("SELECT " + COLUMNS + " FROM rule_threshold ORDER BY scope, street, elder_id",
                RuleThresholdStore::override);
    }

    /** What one level sets; empty when it sets nothing. */
    public Optional<RuleThresholdOverride> find(Scope scope, String street, Long elderId) {
        return jdbc.one("SELECT " + COLUMNS + " FROM rule_threshold WHERE " + SAME_SCOPE, RuleThresholdStore::override,
                scope, street, elderId);
    }

    /**
     * Replaces what a level sets with {@code thresholds} (empty: the level sets nothing any more) and
     * keeps the change with who and when.
     */
    public RuleThresholdOverride put(Scope scope, String street, Long elderId, RuleThresholds thresholds, String actor,
                                     Instant at) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(thresholds, "thresholds");
        String settings = Json.write(thresholds);
        return jdbc.inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO rule_threshold_change (scope, street, elder_id, settings, changed_at, changed_by)"
                    + " VALUES (?, ?, ?, ?::jsonb, ?, ?)", scope, street, elderId, settings, at, actor);
            if (thresholds.isEmpty()) {
                Jdbc.update(c, "DELETE FROM rule_threshold WHERE " + SAME_SCOPE, scope, street, elderId);
                return new RuleThresholdOverride(scope, street, elderId, thresholds, at, actor);
            }
            int updated = Jdbc.update(c, "UPDATE rule_threshold SET settings = ?::jsonb, updated_at = ?, updated_by = ?"
                    + " WHERE " + SAME_SCOPE, settings, at, actor, scope, street, elderId);
            if (updated == 0) {
                Jdbc.update(c, "INSERT INTO rule_threshold (scope, street, elder_id, settings, updated_at, updated_by)"
                        + " VALUES (?, ?, ?, ?::jsonb, ?, ?)", scope, street, elderId, settings, at, actor);
            }
            return new RuleThresholdOverride(scope, street, elderId, thresholds, at, actor);
        });
    }

    /** The latest changes, newest first. */
    public List<RuleThresholdOverride> changes(int limit) {
        return jdbc.list("SELECT scope, street, elder_id, settings::text AS settings, changed_at AS updated_at,"
                + " changed_by AS updated_by FROM rule_threshold_change ORDER BY changed_at DESC, id DESC LIMIT ?",
                RuleThresholdStore::override, limit);
    }

    private static RuleThresholdOverride override(ResultSet rs) throws SQLException {
        long elder = rs.getLong("elder_id");
        Long elderId = rs.wasNull() ? null : elder;
        return new RuleThresholdOverride(Scope.valueOf(rs.getString("scope")), rs.getString("street"),
                elderId, Json.read(rs.getString("settings"), RuleThresholds.class),
                Jdbc.instant(rs, "updated_at"), rs.getString("updated_by"));
    }
}
