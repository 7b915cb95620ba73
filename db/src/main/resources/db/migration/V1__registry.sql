-- The elder registry: who is watched, who is paged, which devices are in their home.
-- Issue 3 deepens this (streets and communities, every roster column); the skeleton keeps what
-- paging needs.

CREATE TABLE elder (
    id          bigserial PRIMARY KEY,
    name        text        NOT NULL,
    id_number   text        UNIQUE,
    street      text        NOT NULL,
    community   text        NOT NULL,
    address     text        NOT NULL,
    phone       text,
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX elder_street_community ON elder (street, community);

CREATE TABLE care_contact (
    id          bigserial PRIMARY KEY,
    elder_id    bigint  NOT NULL REFERENCES elder (id) ON DELETE CASCADE,
    role        text    NOT NULL CHECK (role IN ('NEIGHBOUR_VOLUNTEER', 'COMMUNITY_WORKER', 'STREET_EMERGENCY_TEAM',
                                                 'HOME_CARE_ORG', 'FAMILY_CONTACT', 'STREET_OFFICE')),
    name        text    NOT NULL,
    phone       text,
    priority    integer NOT NULL DEFAULT 0
);
CREATE INDEX care_contact_elder ON care_contact (elder_id, role, priority);

CREATE TABLE device (
    device_id     text PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('WATER_METER', 'CALL_BUTTON')),
    elder_id      bigint      NOT NULL REFERENCES elder (id),
    active        boolean     NOT NULL DEFAULT true,
    installed_at  timestamptz NOT NULL DEFAULT now(),
    -- Last known condition, kept current by ingest for the console and for rule recovery.
    last_seen_at  timestamptz,
    battery       integer,
    rssi          integer,
    online        boolean
);
CREATE INDEX device_elder ON device (elder_id);
