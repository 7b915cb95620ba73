package org.shouwang.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class TestServicesTest {

    @Test
    void replacesTheDatabaseNameAndKeepsParameters() {
        assertThat(TestServices.withDatabase("jdbc:postgresql://127.0.0.1:5432/test?user=postgres", "x"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/x?user=postgres");
        assertThat(TestServices.withDatabase("jdbc:postgresql://h:1/postgres", "y"))
                .isEqualTo("jdbc:postgresql://h:1/y");
    }

    @Test
    void freshDatabaseIsEmptyAndReachable() throws Exception {
        String url = TestServices.freshDatabase();
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) from information_schema.tables where table_schema = 'public'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
