package org.shouwang.db;

import java.sql.SQLException;

/** A database failure, carrying the SQLSTATE so callers can tell "already have it" from "server down". */
public class DataAccessException extends RuntimeException {

    private final String sqlState;

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
        this.sqlState = cause.getSQLState();
    }

    public String sqlState() {
        return sqlState;
    }

    public boolean isUniqueViolation() {
        return Jdbc.UNIQUE_VIOLATION.equals(sqlState);
    }
}
