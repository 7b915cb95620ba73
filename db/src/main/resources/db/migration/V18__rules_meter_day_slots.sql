-- The learned routine (ROUTINE_BREAK, issue 12) is learned from each meter's last 28 days as quarter-hour slots of
-- Asia/Shanghai time (model DaySlots): which slots its intervals covered, and in which an interval used at least
-- 1 L (pro rata for an interval shorter than 15 min). Bit i is slot i (00:00-00:15 is bit 0, the leftmost). Kept current by TelemetryStore (MeterDays), OR-ed in,
-- so a repeat changes nothing; a restart reads 24 bytes per meter-day instead of every interval. A slot belongs
-- to the day its start falls on. Plain SQL: the same on PostgreSQL and on TimescaleDB.
ALTER TABLE rules_meter_day
    ADD COLUMN covered_slots bit(96) NOT NULL DEFAULT repeat('0', 96)::bit(96),
    ADD COLUMN wet_slots     bit(96) NOT NULL DEFAULT repeat('0', 96)::bit(96);

-- The slots of the days from `since`'s own day on, recomputed from water_use: run after rules_meter_day_rebuild
-- (MeterDays.rebuild runs both) and to backfill an upgraded site. Rows it needs and lacks (a day with slots but no interval ending on it) are
-- created with zero litres, as TelemetryStore creates them.
CREATE FUNCTION rules_meter_day_slots_rebuild(since timestamptz) RETURNS void LANGUAGE sql AS $$
    WITH slot AS (
        SELECT w.device_id, s AS slot_start,
               w.liters >= 1.0 * least(1.0, extract(epoch FROM w.end_ts - w.start_ts) / 900.0) AS wet
        FROM water_use w,
             generate_series(date_bin('15 minutes', w.start_ts, TIMESTAMPTZ '2000-01-01 00:00+00'),
                             w.end_ts - interval '1 microsecond', interval '15 minutes') AS s
        WHERE w.end_ts > w.start_ts
          AND w.end_ts > ((since AT TIME ZONE 'Asia/Shanghai')::date::timestamp AT TIME ZONE 'Asia/Shanghai')
    ), bits AS (
        SELECT device_id, (slot_start AT TIME ZONE 'Asia/Shanghai')::date AS day,
               (extract(hour FROM slot_start AT TIME ZONE 'Asia/Shanghai') * 4
                + extract(minute FROM slot_start AT TIME ZONE 'Asia/Shanghai')::int / 15)::int AS i, wet
        FROM slot
    ), masks AS (
        SELECT device_id, day,
               bit_or((B'1' || repeat('0', 95)::bit(95))::bit(96) >> i) AS covered,
               coalesce(bit_or((B'1' || repeat('0', 95)::bit(95))::bit(96) >> i) FILTER (WHERE wet),
                        repeat('0', 96)::bit(96)) AS wet
        FROM bits
        WHERE day >= (since AT TIME ZONE 'Asia/Shanghai')::date
        GROUP BY 1, 2
    )
    INSERT INTO rules_meter_day AS d (device_id, day, covered_slots, wet_slots)
    SELECT device_id, day, covered, wet FROM masks
    ON CONFLICT (device_id, day) DO UPDATE SET covered_slots = EXCLUDED.covered_slots, wet_slots = EXCLUDED.wet_slots;
$$;

SELECT rules_meter_day_slots_rebuild(now() - interval '31 days');
