package org.shouwang.db;

import java.time.Instant;
import javax.sql.DataSource;

/**
 * The inbound SMS already handled, by the provider's message id, so a replayed webhook changes nothing.
 * Holds neither numbers nor text. Blocking JDBC: worker threads only.
 */
public final class InboundSmsStore {

    private final Jdbc jdbc;

    public InboundSmsStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** Claims the message for handling; false when it was claimed before (a replay or a redelivery). */
    public boolean claim(String messageSid, Instant at) {
        return jdbc.update("INSERT INTO inbound_sms (message_sid, received_at) VALUES (?, ?)"
                + " ON CONFLICT (message_sid) DO NOTHING", messageSid, at) == 1;
    }
}
