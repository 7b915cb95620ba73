-- The rules (issue 4): thresholds set for the district, a street or one elder; extreme-weather mode
-- switched per street or district-wide, every switch kept with who and when; absences staff record;
-- the journal of what the rules published, which a restart reads back so it neither repeats an alert
-- nor forgets an open one; and the indexes the restart's replay reads stored messages by.

-- One row per place a threshold is set; settings holds only the fields set there (RuleThresholds JSON,
-- ISO-8601 durations), the rest inherits: elder -> street -> district -> configuration.
CREATE TABLE rule_threshold (
    id          bigserial   PRIMARY KEY,
    scope       text        NOT NULL CHECK (scope IN ('DISTRICT', 'STREET', 'ELDER')),
    street      text        REFERENCES street (name),
    elder_id    bigint      REFERENCES elder (id),
    settings    jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text        NOT NULL,
    CHECK ((scope = 'DISTRICT' AND street IS NULL AND elder_id IS NULL)
        OR (scope = 'STREET' AND street IS NOT NULL AND elder_id IS NULL)
        OR (scope = 'ELDER' AND street IS NULL AND elder_id IS NOT NULL))
);
CREATE UNIQUE INDEX rule_threshold_one_per_scope ON rule_threshold (scope, coalesce(street, ''), coalesce(elder_id, 0));

-- Every change of a threshold row, as it was set (an empty object: the override was removed).
CREATE TABLE rule_threshold_change (
    id          bigserial   PRIMARY KEY,
    scope       text        NOT NULL,
    street      text,
    elder_id    bigint,
    settings    jsonb       NOT NULL,
    changed_at  timestamptz NOT NULL,
    changed_by  text        NOT NULL
);
CREATE INDEX rule_threshold_change_at ON rule_threshold_change (changed_at DESC, id DESC);

-- Extreme-weather switches; street null is district-wide. The mode in force is each scope's latest row.
CREATE TABLE weather_mode_change (
    id           bigserial   PRIMARY KEY,
    street       text        REFERENCES street (name),
    switched_on  boolean     NOT NULL,
    changed_at   timestamptz NOT NULL,
    changed_by   text        NOT NULL
);
CREATE INDEX weather_mode_change_latest ON weather_mode_change ((coalesce(street, '')), changed_at DESC, id DESC);

-- An elder away from home. Deleting keeps the row (deleted_at/by): who said what, and when, stays known.
CREATE TABLE absence (
    id          bigserial   PRIMARY KEY,
    elder_id    bigint      NOT NULL REFERENCES elder (id),
    away_from   timestamptz NOT NULL,
    away_to     timestamptz NOT NULL,
    reason      text        NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    deleted_at  timestamptz,
    deleted_by  text,
    CHECK (away_to > away_from)
);
CREATE INDEX absence_elder ON absence (elder_id, away_from DESC);
CREATE INDEX absence_in_force ON absence (away_to) WHERE deleted_at IS NULL;

-- What the rules published: one row per alert id, its clear noted on the same row.
CREATE TABLE rule_alert (
    alert_id      text        PRIMARY KEY,
    rule          text        NOT NULL,
    device_id     text        NOT NULL,
    episode       text        NOT NULL,
    raised_at     timestamptz NOT NULL,
    cleared_at    timestamptz,
    clear_reason  text
);
CREATE INDEX rule_alert_raised ON rule_alert (raised_at);
CREATE INDEX rule_alert_open ON rule_alert (device_id) WHERE cleared_at IS NULL;

-- The replay reads messages by arrival and joins intervals to their message.
CREATE INDEX telemetry_received ON telemetry (received_at);
CREATE INDEX device_event_received ON device_event (received_at);
CREATE INDEX water_use_device_msg ON water_use (device_id, msg_id);
