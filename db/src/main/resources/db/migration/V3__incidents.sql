-- Incidents: one open case per (elder, rule), the alerts attached to it, its timeline, and the
-- notification outbox (written before a page is sent; the idempotency key makes a resend impossible).

CREATE TABLE incident (
    id               bigserial PRIMARY KEY,
    code             text GENERATED ALWAYS AS ('SW' || lpad(id::text, 5, '0')) STORED UNIQUE,
    elder_id         bigint      NOT NULL REFERENCES elder (id),
    device_id        text,
    rule             text        NOT NULL,
    severity         text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    opened_at        timestamptz NOT NULL,
    acknowledged_at  timestamptz,
    acknowledged_by  text,
    resolved_at      timestamptz,
    resolved_by      text,
    outcome          text
);
-- The heart of "one open incident per elder and rule": a second insert fails with 23505.
CREATE UNIQUE INDEX incident_one_active ON incident (elder_id, rule) WHERE state <> 'RESOLVED';
CREATE INDEX incident_state_opened ON incident (state, opened_at DESC);

-- Every alert seen, keyed by its deterministic id: a repeated alert is recognised and pages nobody.
CREATE TABLE incident_alert (
    alert_id     text PRIMARY KEY,
    incident_id  bigint      NOT NULL REFERENCES incident (id),
    at           timestamptz NOT NULL,
    detail       text
);

CREATE TABLE incident_event (
    id           bigserial PRIMARY KEY,
    incident_id  bigint      NOT NULL REFERENCES incident (id),
    at           timestamptz NOT NULL,
    kind         text        NOT NULL,
    actor        text,
    detail       text
);
CREATE INDEX incident_event_incident ON incident_event (incident_id, at, id);

CREATE TABLE notification (
    id               bigserial PRIMARY KEY,
    idempotency_key  text        NOT NULL UNIQUE,
    incident_id      bigint      NOT NULL REFERENCES incident (id),
    contact_id       bigint      REFERENCES care_contact (id),
    channel          text        NOT NULL,
    recipient        text        NOT NULL,
    body             text        NOT NULL,
    status           text        NOT NULL,
    provider_sid     text,
    attempts         integer     NOT NULL DEFAULT 0,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_incident ON notification (incident_id);
CREATE INDEX notification_pending ON notification (created_at) WHERE status = 'PENDING';
