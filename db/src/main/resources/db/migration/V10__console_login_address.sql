-- Issue 9: logins are judged per client address too. The address an attempt came from (IPv4, or an
-- IPv6 /64 prefix, as the console decided it) lets the console throttle one address guessing over
-- many usernames, and lock a username only at the address that failed with it, so nobody elsewhere
-- can lock the duty officer out. Attempts before this migration have no address and count for nothing.
ALTER TABLE login_attempt ADD COLUMN address text;

CREATE INDEX login_attempt_address_failed_at ON login_attempt (address, at DESC) WHERE NOT succeeded;
CREATE INDEX login_attempt_username_address_at ON login_attempt (username, address, at DESC);
-- The hourly sweep deletes attempts by age.
CREATE INDEX login_attempt_at ON login_attempt (at);
