-- What devices send. Dedup lives in its own small table keyed on (device_id, msg_id): it works the
-- same on a TimescaleDB hypertable (whose unique keys must contain the time column) and on a plain
-- table, and a redelivered QoS 1 message finds its key and is dropped.

CREATE TABLE ingested_message (
    device_id    text        NOT NULL,
    msg_id       text        NOT NULL,
    channel      text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, msg_id)
);

CREATE TABLE telemetry (
    device_id     text             NOT NULL,
    msg_id        text             NOT NULL,
    ts            timestamptz      NOT NULL,
    received_at   timestamptz      NOT NULL,
    total_liters  double precision,
    flow_lpm      double precision,
    battery       integer,
    rssi          integer
);
CREATE INDEX telemetry_device_ts ON telemetry (device_id, ts DESC);

-- One row per metering interval: usage is judged by the interval's own time, not by arrival.
CREATE TABLE water_use (
    device_id  text             NOT NULL,
    start_ts   timestamptz      NOT NULL,
    end_ts     timestamptz      NOT NULL,
    liters     double precision NOT NULL,
    msg_id     text             NOT NULL
);
CREATE INDEX water_use_device_start ON water_use (device_id, start_ts DESC);

CREATE TABLE device_event (
    id           bigserial PRIMARY KEY,
    device_id    text        NOT NULL,
    msg_id       text        NOT NULL,
    ts           timestamptz NOT NULL,
    received_at  timestamptz NOT NULL,
    kind         text        NOT NULL,
    action       text,
    code         text,
    battery      integer,
    UNIQUE (device_id, msg_id)
);
CREATE INDEX device_event_device_ts ON device_event (device_id, ts DESC);

-- Messages refused by ingest, kept for inspection with the reason.
CREATE TABLE quarantine (
    id           bigserial PRIMARY KEY,
    received_at  timestamptz NOT NULL DEFAULT now(),
    topic        text        NOT NULL,
    device_id    text,
    reason       text        NOT NULL,
    detail       text        NOT NULL,
    payload      bytea       NOT NULL
);
CREATE INDEX quarantine_received ON quarantine (received_at DESC);

-- TimescaleDB where the site installed it; plain indexed tables otherwise (same queries either way).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS timescaledb;
            PERFORM create_hypertable('telemetry', 'ts', chunk_time_interval => interval '7 days');
            PERFORM create_hypertable('water_use', 'start_ts', chunk_time_interval => interval '7 days');
            ALTER TABLE telemetry SET (timescaledb.compress, timescaledb.compress_segmentby = 'device_id');
            ALTER TABLE water_use SET (timescaledb.compress, timescaledb.compress_segmentby = 'device_id');
            PERFORM add_compression_policy('telemetry', interval '7 days');
            PERFORM add_compression_policy('water_use', interval '7 days');
            RAISE NOTICE 'TimescaleDB: telemetry and water_use are hypertables';
        EXCEPTION WHEN OTHERS THEN
            -- Installed but not loadable (e.g. not in shared_preload_libraries): stay on plain tables.
            RAISE WARNING 'TimescaleDB present but not usable, plain tables kept: %', SQLERRM;
        END;
    END IF;
END
$$;
