package org.shouwang.notifier;

import java.util.Objects;
import org.shouwang.db.EscalationStore;
import org.shouwang.db.InboundSmsStore;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.NotificationStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.db.Stores;

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

    /** The notifier's share of the platform's stores. */
    public static NotifierStores of(Stores stores) {
        return new NotifierStores(stores.registry(), stores.incidents(), stores.outbox(), stores.escalations(),
                stores.inboundSms());
    }
}
