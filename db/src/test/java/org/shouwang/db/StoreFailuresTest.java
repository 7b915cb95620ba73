package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which database failures are retried and which set a message aside. */
class StoreFailuresTest {

    @ParameterizedTest(name = "SQLSTATE {0} is {1}")
    @CsvSource({
        "22021, DATA_REFUSED",   // invalid byte sequence (a NUL in text)
        "22008, DATA_REFUSED",   // datetime field overflow
        "22003, DATA_REFUSED",   // numeric value out of range
        "23514, DATA_REFUSED",   // check violation
        "23502, DATA_REFUSED",   // not-null violation
        "08006, TRANSIENT",      // connection failure
        "08001, TRANSIENT",      // cannot connect
        "40001, TRANSIENT",      // serialization failure
        "40P01, TRANSIENT",      // deadlock
        "53300, TRANSIENT",      // too many connections
        "57P01, TRANSIENT",      // admin shutdown
        "42P01, TRANSIENT",      // undefined table: the installation, not the message
        "XX000, TRANSIENT",
    })
    void classifiesBySqlState(String state, StoreFailures.Kind kind) {
        DataAccessException e = new DataAccessException(new SQLException("boom", state));

        assertThat(StoreFailures.classify(e)).isEqualTo(kind);
        assertThat(StoreFailures.sqlState(e)).isEqualTo(state);
    }

    @Test
    void aPoolTimeoutWithoutStateIsTransient() {
        assertThat(StoreFailures.classify(new DataAccessException(new SQLTransientConnectionException("pool timeout"))))
                .isEqualTo(StoreFailures.Kind.TRANSIENT);
    }

    @Test
    void ourOwnCodeThrowingOnABatchIsTreatedAsRefusedDataSoTheBatchIsSplit() {
        assertThat(StoreFailures.classify(new IllegalStateException("bug"))).isEqualTo(StoreFailures.Kind.DATA_REFUSED);
        assertThat(StoreFailures.sqlState(new IllegalStateException("bug"))).isNull();
    }
}
