-- Staff accounts of the console (issue 6): who may log in, with which role and scope; their login
-- attempts (for the lock-out), their sessions, and the audit log of who viewed or changed what.

-- DISTRICT sees every street; STREET one street; COMMUNITY_WORKER some communities of one street.
-- Usernames are kept in lower case so that "Chen" and "chen" cannot be two accounts.
CREATE TABLE account (
    id                   bigserial   PRIMARY KEY,
    username             text        NOT NULL UNIQUE CHECK (username = lower(username) AND length(username) BETWEEN 3 AND 50),
    display_name         text        NOT NULL,
    role                 text        NOT NULL CHECK (role IN ('DISTRICT', 'STREET', 'COMMUNITY_WORKER')),
    street               text        REFERENCES street (name),
    -- A PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash): the parameters travel with the hash, so
    -- they can be raised later and old hashes still verify.
    password_hash        text        NOT NULL,
    active               boolean     NOT NULL DEFAULT true,
    created_at           timestamptz NOT NULL DEFAULT now(),
    created_by           text        NOT NULL,
    password_changed_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'DISTRICT') = (street IS NULL))
);

-- The communities of a community worker, all within the account's street.
CREATE TABLE account_community (
    account_id  bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    community   text   NOT NULL,
    PRIMARY KEY (account_id, community)
);

-- Every login attempt by the username typed (known or not, so a guesser learns nothing from the
-- lock-out); failures since the last success inside the window lock the name out.
CREATE TABLE login_attempt (
    id         bigserial   PRIMARY KEY,
    username   text        NOT NULL,
    at         timestamptz NOT NULL,
    succeeded  boolean     NOT NULL
);
CREATE INDEX login_attempt_username_at ON login_attempt (username, at DESC);

-- Sessions: the cookie holds a random token, the table only its SHA-256, so a copy of this table
-- opens no session. The CSRF token is the synchronizer token the page sends back on every change.
CREATE TABLE console_session (
    token_hash    bytea       PRIMARY KEY,
    account_id    bigint      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    csrf_token    text        NOT NULL,
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX console_session_account ON console_session (account_id);

-- Who viewed an elder's record, revealed a masked value, acknowledged, resolved or changed what.
-- Rows are only ever inserted; detail never holds an ID number, phone or address.
CREATE TABLE audit_log (
    id           bigserial   PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    account_id   bigint      REFERENCES account (id),
    actor        text        NOT NULL,
    action       text        NOT NULL,
    target_kind  text        NOT NULL,
    target_id    text,
    elder_id     bigint,
    detail       text
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_elder ON audit_log (elder_id, at DESC) WHERE elder_id IS NOT NULL;
CREATE INDEX audit_log_account ON audit_log (account_id, at DESC);
