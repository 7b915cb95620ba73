package org.shouwang.db;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * Every store of the platform, each built once over one database by the composition root and handed to
 * the parts that use it; no library module builds a store of its own.
 */
public record Stores(RegistryStore registry, TelemetryStore telemetry, IncidentStore incidents,
                     NotificationStore outbox, EscalationStore escalations, InboundSmsStore inboundSms,
                     AccountStore accounts, SessionStore sessions, AuditStore audit, RuleStore rules,
                     RuleThresholdStore thresholds, WeatherStore weather, AbsenceStore absences, StreetStore streets,
                     RosterStore roster, BrokerCredentialStore brokerCredentials, CareStore care,
                     CareMessageStore careMessages, CarrierStore carrier, DataSource dataSource) {

    public Stores {
        Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Builds each store once over {@code ds}. */
    public static Stores of(DataSource ds) {
        return new Stores(new RegistryStore(ds), new TelemetryStore(ds), new IncidentStore(ds),
                new NotificationStore(ds), new EscalationStore(ds), new InboundSmsStore(ds), new AccountStore(ds),
                new SessionStore(ds), new AuditStore(ds), new RuleStore(ds), new RuleThresholdStore(ds),
                new WeatherStore(ds), new AbsenceStore(ds), new StreetStore(ds), new RosterStore(ds),
                new BrokerCredentialStore(ds), new CareStore(ds), new CareMessageStore(ds), new CarrierStore(ds), ds);
    }
}
