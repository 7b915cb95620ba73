package org.shouwang.roster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.testkit.TestServices;

/** A fresh registry database for one test class, and row counts to prove what an import did not touch. */
final class RosterDb {

    private RosterDb() {
    }

    static Database fresh() {
        return Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
    }

    /** Rows in every table a roster import writes. */
    static Map<String, Long> counts(Database db) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] {"elder", "community", "care_contact"}) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(max(xmin::text::bigint), 0) FROM " + table)) {
                    rs.next();
                    out.put(table, rs.getLong(1));
                    out.put(table + ".lastWrite", rs.getLong(2));
                }
            }
        }
        return out;
    }
}
