package org.shouwang.notifier;

import java.util.Objects;
import javax.sql.DataSource;
import org.shouwang.db.EscalationStore;
import org.shouwang.db.InboundSmsStore;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.NotificationStore;
import org.shouwang.db.RegistryStore;

/** The stores the notifier works on, all over one database. */
public record NotifierStores(RegistryStore registry, IncidentStore incidents, NotificationStore outbox,
                             EscalationStore escalations, InboundSmsStore inboundSms) {

    public NotifierStores {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(incidents, "incidents");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(escalations, "escalations");
        Objects.requireNonNull(inboundSms, "inboundSms");
    }

    public static NotifierStores of(DataSource ds) {
        return new NotifierStores(new RegistryStore(ds), new IncidentStore(ds), new NotificationStore(ds),
                new EscalationStore(ds), new InboundSmsStore(ds));
    }
}
