-- What rule recovery needs of each meter, per calendar day in Asia/Shanghai, kept current as telemetry is
-- written (TelemetryStore, same transaction, new messages only), so a restart reads a few rows per meter
-- instead of aggregating every reading of the lookback (28.8 M readings and as many intervals took 50 s
-- at 100 k meters). Plain SQL: the same on PostgreSQL and on TimescaleDB.
--
-- `day` is the day of an interval's last instant for the water columns (as HIGH_USE counts it) and the
-- day of a reading's arrival for the telemetry columns.
CREATE TABLE rules_meter_day (
    device_id        text             NOT NULL,
    day              date             NOT NULL,
    liters           double precision NOT NULL DEFAULT 0,  -- of the intervals ending that day
    intervals        integer          NOT NULL DEFAULT 0,
    min_start        timestamptz,                          -- their earliest start
    max_end          timestamptz,                          -- their latest end
    min_ts           timestamptz,                          -- device times of the readings that arrived that day
    max_ts           timestamptz,
    last_received    timestamptz,                          -- their latest arrival
    battery_ts       timestamptz,                          -- the newest (by device time) that carried a battery
    battery_received timestamptz,                          -- its arrival: a tie on device time goes to the later
    battery          integer,
    PRIMARY KEY (device_id, day)
);
CREATE INDEX rules_meter_day_day ON rules_meter_day (day);

-- Recomputes the days from `since`'s own day on from the stored rows. Used here to backfill an upgraded
-- site, and by `shouwang bench-recovery` after seeding in SQL; it gives the rows TelemetryStore maintains
-- (MeterDaysIT checks both agree).
CREATE FUNCTION rules_meter_day_rebuild(since timestamptz) RETURNS void LANGUAGE sql AS $$
    DELETE FROM rules_meter_day WHERE day >= (since AT TIME ZONE 'Asia/Shanghai')::date;
    INSERT INTO rules_meter_day (device_id, day, liters, intervals, min_start, max_end)
    SELECT device_id, ((end_ts - interval '1 microsecond') AT TIME ZONE 'Asia/Shanghai')::date,
           sum(liters), count(*), min(start_ts), max(end_ts)
    FROM water_use
    WHERE end_ts > ((since AT TIME ZONE 'Asia/Shanghai')::date::timestamp AT TIME ZONE 'Asia/Shanghai')
    GROUP BY 1, 2;
    INSERT INTO rules_meter_day AS d (device_id, day, min_ts, max_ts, last_received, battery_ts, battery_received, battery)
    SELECT a.device_id, a.day, a.min_ts, a.max_ts, a.last_received, a.battery_ts, b.received_at, b.battery
    FROM (SELECT device_id, (received_at AT TIME ZONE 'Asia/Shanghai')::date AS day, min(ts) AS min_ts,
                 max(ts) AS max_ts, max(received_at) AS last_received,
                 max(ts) FILTER (WHERE battery IS NOT NULL) AS battery_ts
          FROM telemetry
          WHERE received_at >= ((since AT TIME ZONE 'Asia/Shanghai')::date::timestamp AT TIME ZONE 'Asia/Shanghai')
          GROUP BY 1, 2) a
    LEFT JOIN LATERAL (SELECT x.received_at, x.battery FROM telemetry x
                       WHERE x.device_id = a.device_id AND x.ts = a.battery_ts AND x.battery IS NOT NULL
                         AND (x.received_at AT TIME ZONE 'Asia/Shanghai')::date = a.day
                       ORDER BY x.received_at DESC LIMIT 1) b ON true
    ON CONFLICT (device_id, day) DO UPDATE SET min_ts = EXCLUDED.min_ts, max_ts = EXCLUDED.max_ts,
        last_received = EXCLUDED.last_received, battery_ts = EXCLUDED.battery_ts,
        battery_received = EXCLUDED.battery_received, battery = EXCLUDED.battery;
$$;

-- An upgraded site: the last 31 days (ten times the default lookback of 3 days). A recoveryLookback longer
-- than that sees the older days only as they are written anew; run rules_meter_day_rebuild(since) to cover it.
SELECT rules_meter_day_rebuild(now() - interval '31 days');
