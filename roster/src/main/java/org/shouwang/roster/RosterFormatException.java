package org.shouwang.roster;

/** A roster file that cannot be read as a roster at all (no header, a column missing, not a spreadsheet). */
public class RosterFormatException extends RuntimeException {

    public RosterFormatException(String message) {
        super(message);
    }

    public RosterFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
