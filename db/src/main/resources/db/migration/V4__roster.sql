-- The roster (摸排表, policy annex 3): Gusu's streets and their communities, every roster column on the
-- elder, the care-team contacts a roster import manages, and an audit row per import.
-- Every new elder/care_contact column has a default or is nullable, so the inserts of V1's registry
-- API keep working unchanged.

CREATE TABLE street (
    name      text    PRIMARY KEY,
    position  integer NOT NULL UNIQUE
);
INSERT INTO street (name, position) VALUES
    ('平江街道', 1), ('沧浪街道', 2), ('双塔街道', 3), ('虎丘街道', 4),
    ('吴门桥街道', 5), ('金阊街道', 6), ('白洋湾街道', 7), ('苏锦街道', 8);

-- Communities come into being when a street's roster first names them (see roster/README.md).
CREATE TABLE community (
    id          bigserial   PRIMARY KEY,
    street      text        NOT NULL REFERENCES street (name),
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text,
    UNIQUE (street, name)
);

-- elder.street and elder.community stay free text (no foreign key): elders registered before the
-- roster, by the console or the demo, may name communities this table does not know.
ALTER TABLE elder
    ADD COLUMN category            text CHECK (category IN ('NO_CHILDREN_OR_CARER', 'CARER_UNABLE', 'EMPTY_NEST',
                                                            'LIVING_ALONE')),
    ADD COLUMN children_location   text CHECK (children_location IN ('OUTSIDE_DISTRICT', 'OUTSIDE_STREET')),
    ADD COLUMN low_income_disabled boolean NOT NULL DEFAULT false,
    -- Derived from the ID number and stored so that age can be queried; key-elder status is not
    -- stored, because it changes on a birthday (KeyElderPolicy computes it for a date).
    ADD COLUMN birth_date          date,
    ADD COLUMN sex                 text CHECK (sex IN ('MALE', 'FEMALE')),
    ADD COLUMN agreement_signed_on date,
    ADD COLUMN deactivated_at      timestamptz,
    ADD COLUMN deactivated_by      text,
    ADD COLUMN deactivation_reason text;
CREATE INDEX elder_active_street ON elder (street, community, id) WHERE active;
-- Imports match elders by ID number whatever the case of a final 'x' in older rows.
CREATE INDEX elder_id_number_upper ON elder (upper(id_number));

-- A roster import owns only the contacts it created (source ROSTER); contacts added by staff
-- (MANUAL) are never touched by it. A contact the roster no longer lists is retired, not deleted:
-- pages already sent (notification.contact_id) still point at it.
ALTER TABLE care_contact
    ADD COLUMN source     text NOT NULL DEFAULT 'MANUAL' CHECK (source IN ('MANUAL', 'ROSTER')),
    ADD COLUMN retired_at timestamptz;

CREATE TABLE roster_import (
    id            bigserial   PRIMARY KEY,
    imported_at   timestamptz NOT NULL DEFAULT now(),
    actor         text        NOT NULL,
    source_name   text        NOT NULL,
    skip_invalid  boolean     NOT NULL,
    refused       boolean     NOT NULL,
    created       integer     NOT NULL,
    updated       integer     NOT NULL,
    unchanged     integer     NOT NULL,
    rejected      integer     NOT NULL
);
