package org.shouwang.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.shouwang.model.Absence;

/**
 * Absences staff record for an elder (hospital stay, visiting children). Deleting one keeps the row with
 * who deleted it and when. Blocking JDBC.
 */
public final class AbsenceStore {

    private static final String COLUMNS = "id, elder_id, away_from, away_to, reason, created_at, created_by";

    private final Jdbc jdbc;

    public AbsenceStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    public Absence add(long elderId, Instant from, Instant to, String reason, String actor, Instant at) {
        return jdbc.one("INSERT INTO absence (elder_id, away_from, away_to, reason, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS, AbsenceStore::absence, elderId, from, to, reason, at,
                actor).orElseThrow();
    }

    /** The elder's absences that were not deleted, latest first. */
    public List<Absence> ofElder(long elderId) {
        return jdbc.list("SELECT " + COLUMNS + " FROM absence WHERE elder_id = ? AND deleted_at IS NULL"
                + " ORDER BY away_from DESC, id DESC", AbsenceStore::absence, elderId);
    }

    /** Absences not deleted that end at or after {@code since}: the ones the rules may still need. */
    public List<Absence> inForceSince(Instant since) {
        return jdbc.list("SELECT " + COLUMNS + " FROM absence WHERE deleted_at IS NULL AND away_to >= ?"
                + " ORDER BY elder_id, away_from", AbsenceStore::absence, since);
    }

    /** Deletes an absence; empty when there is none with that id or it was deleted before. */
    public Optional<Absence> delete(long id, String actor, Instant at) {
        return jdbc.one("UPDATE absence SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL"
                + " RETURNING " + COLUMNS, AbsenceStore::absence, at, actor, id);
    }

    private static Absence absence(ResultSet rs) throws SQLException {
        return new Absence(rs.getLong("id"), rs.getLong("elder_id"), Jdbc.instant(rs, "away_from"),
                Jdbc.instant(rs, "away_to"), rs.getString("reason"), Jdbc.instant(rs, "created_at"),
                rs.getString("created_by"));
    }
}
