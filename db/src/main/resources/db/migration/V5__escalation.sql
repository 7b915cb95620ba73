-- Escalation (issue 5). Each incident's place in its escalation plan lives here, driven by the
-- notifier's clock, so that a restarted notifier resumes pending steps at their due times. The outbox
-- learns which step and round a page belongs to, keeps its retry backoff and claim lease in the row
-- (no worker thread sleeps on a retry), and records what the provider reported about its delivery.

CREATE TABLE escalation (
    incident_id      bigint      PRIMARY KEY REFERENCES incident (id),
    -- Which plan was chosen ("CRITICAL", "rule NO_WATER_USE", "平江街道 CRITICAL"), for people reading it.
    plan             text        NOT NULL,
    -- The step to run when due_at comes, and how often the last step has already repeated.
    next_step        integer     NOT NULL CHECK (next_step >= 0),
    next_round       integer     NOT NULL DEFAULT 0 CHECK (next_round >= 0),
    -- NULL once the plan has nothing more to send (its last step does not repeat).
    due_at           timestamptz,
    active           boolean     NOT NULL DEFAULT true,
    stop_reason      text,
    stopped_at       timestamptz,
    -- Set while the latest round of pages reached nobody: the console shows the incident in red.
    unreached_at     timestamptz,
    -- The round that set it ("s1r2"), so one round flags once however many failures report it.
    unreached_round  text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX escalation_due ON escalation (due_at) WHERE active;
CREATE INDEX escalation_unreached ON escalation (incident_id) WHERE unreached_at IS NOT NULL;

ALTER TABLE notification
    -- The plan step and the round (0, then one more per repeat of the last step) the page belongs to,
    -- and whom of the step it is for (a ContactRole name, or ELDER). NULL for pages written before V5.
    ADD COLUMN step             integer,
    ADD COLUMN round_no         integer,
    ADD COLUMN audience         text,
    -- The recipient in E.164, as the provider reports it back (inbound SMS "From"), to match replies.
    ADD COLUMN recipient_e164   text,
    -- Persisted backoff: a PENDING page is not tried before this. NULL means at once.
    ADD COLUMN next_attempt_at  timestamptz,
    -- A sender that took the page holds it until then, so two senders never send it together.
    ADD COLUMN claimed_until    timestamptz,
    -- The provider's latest word on delivery (queued, sent, delivered, undelivered, failed; ringing,
    -- in-progress, completed, busy, no-answer, canceled) and when it came.
    ADD COLUMN delivery_status  text,
    ADD COLUMN delivery_at      timestamptz;

UPDATE notification SET recipient_e164 = recipient WHERE recipient_e164 IS NULL;

DROP INDEX notification_pending;
CREATE INDEX notification_due ON notification (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX notification_round ON notification (incident_id, step, round_no);
CREATE INDEX notification_recipient_e164 ON notification (recipient_e164, id);
CREATE INDEX notification_provider_sid ON notification (provider_sid) WHERE provider_sid IS NOT NULL;
