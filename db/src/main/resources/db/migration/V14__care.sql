-- Routine care (policy parts 二 and 三, annexes 1-2, issue 11): the four-party agreement of each elder,
-- the care records (service record cards) of every contact with an elder, the per-street duty settings,
-- the outbox of care SMS (reminders, digests), and the arrival of a responder at an incident's door.

-- One agreement per elder (annex 1), re-recorded in place; every change is audited (audit_log).
-- 甲 is the street (its name and the person who signs for it), 乙 and 丙 are care contacts of the elder.
CREATE TABLE care_agreement (
    elder_id                  bigint      PRIMARY KEY REFERENCES elder (id),
    status                    text        NOT NULL CHECK (status IN ('DRAFT', 'SIGNED', 'ENDED')),
    street                    text        NOT NULL,
    street_representative     text,
    community_worker_id       bigint      REFERENCES care_contact (id),
    neighbour_id              bigint      REFERENCES care_contact (id),
    health_status             text,
    signed_on                 date,
    ended_on                  date,
    scan                      bytea,
    scan_name                 text,
    scan_content_type         text,
    recorded_at               timestamptz NOT NULL,
    recorded_by               text        NOT NULL,
    CHECK (status = 'DRAFT' OR signed_on IS NOT NULL),
    CHECK (status <> 'ENDED' OR ended_on IS NOT NULL)
);

-- One contact with an elder (annex 2's card: no., elder, ID number, who served, what was done, date).
-- The recorder is a staff account (account_id) or a care contact without one (contact_id), or both when
-- staff record for a named care-team member. request_key makes a double tap or a repeated SMS one row.
CREATE TABLE care_record (
    id            bigserial   PRIMARY KEY,
    request_key   text        NOT NULL UNIQUE,
    elder_id      bigint      NOT NULL REFERENCES elder (id),
    role          text        NOT NULL CHECK (role IN ('NEIGHBOUR_VOLUNTEER', 'COMMUNITY_WORKER', 'STREET_EMERGENCY_TEAM',
                                                       'HOME_CARE_ORG', 'FAMILY_CONTACT', 'STREET_OFFICE')),
    account_id    bigint      REFERENCES account (id),
    contact_id    bigint      REFERENCES care_contact (id),
    carer_name    text        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('VISIT', 'PHONE', 'OTHER', 'SMS_REPORT')),
    at            timestamptz NOT NULL,
    content       text,
    needs         text[]      NOT NULL DEFAULT '{}',
    needs_note    text,
    follow_up     boolean     NOT NULL DEFAULT false,
    incident_id   bigint      REFERENCES incident (id),
    recorded_at   timestamptz NOT NULL,
    recorded_by   text        NOT NULL
);
CREATE INDEX care_record_elder_at ON care_record (elder_id, at DESC);
CREATE INDEX care_record_at ON care_record (at);
-- An incident resolved with a visit counts once as its resolver's contact.
CREATE UNIQUE INDEX care_record_incident ON care_record (incident_id) WHERE incident_id IS NOT NULL;

-- A street's own contact frequencies (the policy's are the defaults): contacts per DAY or WEEK per role.
CREATE TABLE care_duty_setting (
    street      text        NOT NULL REFERENCES street (name),
    role        text        NOT NULL CHECK (role IN ('NEIGHBOUR_VOLUNTEER', 'COMMUNITY_WORKER', 'HOME_CARE_ORG')),
    contacts    integer     NOT NULL CHECK (contacts BETWEEN 1 AND 14),
    period      text        NOT NULL CHECK (period IN ('DAY', 'WEEK')),
    changed_at  timestamptz NOT NULL,
    changed_by  text        NOT NULL,
    PRIMARY KEY (street, role)
);

-- Care SMS written before they are sent (reminders, morning digests): the key makes a resend impossible,
-- reply_code is what the recipient answers to record the contact ("0", or "01", "02" … when several are open).
CREATE TABLE care_message (
    id               bigserial   PRIMARY KEY,
    idempotency_key  text        NOT NULL UNIQUE,
    kind             text        NOT NULL CHECK (kind IN ('REMINDER', 'DIGEST')),
    elder_id         bigint      REFERENCES elder (id),
    contact_id       bigint      REFERENCES care_contact (id),
    role             text,
    period_start     date,
    period_end       date,
    reply_code       text,
    recipient        text        NOT NULL,
    body             text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    provider_sid     text,
    last_error       text,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz,
    answered_at      timestamptz
);
CREATE INDEX care_message_pending ON care_message (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX care_message_recipient ON care_message (recipient, created_at DESC) WHERE kind = 'REMINDER';

-- A responder at the door (console tap or SMS "到"): the first arrival is kept on the incident, for the
-- response figures (acknowledgement to arrival); every arrival goes on the timeline.
ALTER TABLE incident
    ADD COLUMN arrived_at timestamptz,
    ADD COLUMN arrived_by text;
