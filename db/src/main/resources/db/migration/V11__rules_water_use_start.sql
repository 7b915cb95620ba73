-- Rule recovery reads the recent water use of every meter by the intervals' start (RuleDigestReader:
-- day totals of the lookback, the last hours one by one). Plain PostgreSQL had only (device_id, start_ts),
-- so those reads scanned the whole history; TimescaleDB already indexes a hypertable's time column
-- (create_hypertable's default index), so the index is added only where no index leads with start_ts.
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = 'water_use'::regclass AND a.attname = 'start_ts'
    ) THEN
        CREATE INDEX water_use_start ON water_use (start_ts);
    END IF;
END
$$;
