-- Carrier-platform push (issue 14): meters that reach us through CTWing or OneNET by HTTP push, not MQTT.
-- Every accepted push is committed to carrier_inbox before the platform gets its 200; a worker decodes it
-- afterwards into the same telemetry / device_event / device rows MQTT ingest writes.

CREATE TABLE carrier_inbox (
    id                 bigserial PRIMARY KEY,
    platform           text        NOT NULL CHECK (platform IN ('ONENET', 'CTWING')),
    -- OneNET: the envelope id; CTWing: deviceId/timestamp/upPacketSN. A retried push finds its key and adds nothing.
    dedup_key          text        NOT NULL,
    received_at        timestamptz NOT NULL DEFAULT now(),
    body               text        NOT NULL,
    state              text        NOT NULL DEFAULT 'PENDING'
                                   CHECK (state IN ('PENDING', 'DECODED', 'REJECTED', 'UNBOUND')),
    -- Set when decoding found who sent it: an unbound identity's rows wait here until it is bound.
    carrier_device_id  text,
    reason             text,
    detail             text,
    decoded_at         timestamptz,
    UNIQUE (platform, dedup_key)
);
CREATE INDEX carrier_inbox_pending ON carrier_inbox (id) WHERE state = 'PENDING';
CREATE INDEX carrier_inbox_unbound ON carrier_inbox (platform, carrier_device_id) WHERE state = 'UNBOUND';

-- Defaults per carrier product: how its payload is decoded and how often its meters upload.
CREATE TABLE carrier_product (
    platform         text     NOT NULL CHECK (platform IN ('ONENET', 'CTWING')),
    product_id       text     NOT NULL,
    decoder          text     NOT NULL,
    property_map     jsonb,
    upload_interval  interval CHECK (upload_interval > interval '0'),
    missed_uploads   integer  CHECK (missed_uploads >= 1),
    PRIMARY KEY (platform, product_id)
);

-- A carrier identity bound to one of our devices; a null column falls back to the product's value.
CREATE TABLE carrier_identity (
    platform           text        NOT NULL CHECK (platform IN ('ONENET', 'CTWING')),
    carrier_device_id  text        NOT NULL,
    product_id         text,
    imei               text,
    device_id          text        NOT NULL REFERENCES device (device_id),
    decoder            text,
    property_map       jsonb,
    upload_interval    interval    CHECK (upload_interval > interval '0'),
    missed_uploads     integer     CHECK (missed_uploads >= 1),
    bound_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (platform, carrier_device_id)
);
CREATE UNIQUE INDEX carrier_identity_device ON carrier_identity (device_id);

-- Identities that pushed data but are bound to no device: listed on the console's device page for binding.
CREATE TABLE carrier_unbound (
    platform           text        NOT NULL,
    carrier_device_id  text        NOT NULL,
    product_id         text,
    imei               text,
    seen_count         integer     NOT NULL DEFAULT 1,
    first_seen         timestamptz NOT NULL DEFAULT now(),
    last_seen          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (platform, carrier_device_id)
);

-- How often a device is expected to upload and after how many missed uploads it counts as silent; only devices
-- with a configured cadence appear (the others keep rules.meterReportInterval x 3).
CREATE VIEW device_upload_cadence AS
SELECT i.device_id,
       COALESCE(i.upload_interval, p.upload_interval) AS upload_interval,
       COALESCE(i.missed_uploads, p.missed_uploads, 3) AS missed_uploads
  FROM carrier_identity i
  LEFT JOIN carrier_product p ON p.platform = i.platform AND p.product_id = i.product_id
 WHERE COALESCE(i.upload_interval, p.upload_interval) IS NOT NULL;
