-- When a rule that judges a stretch of time started watching a device again (issue 12): staff resolved the
-- incident as the elder safe (RESOLVED), or the meter's intervals resumed after a gap no data covers
-- (DATA_GAP). The rules write it as they decide it and read the recovery period's rows after a restart, so
-- "elder safe" is not undone by a restart (the episode would reopen and never page again) and a meter back
-- from a dead battery is not judged over the gap. Written by the rules only; a few rows per device and week.
CREATE TABLE rule_watch (
    device_id  text        NOT NULL,
    rule       text        NOT NULL,
    at         timestamptz NOT NULL,
    reason     text        NOT NULL CHECK (reason IN ('RESOLVED', 'DATA_GAP')),
    PRIMARY KEY (device_id, rule, at, reason)
);
CREATE INDEX rule_watch_at ON rule_watch (at);
