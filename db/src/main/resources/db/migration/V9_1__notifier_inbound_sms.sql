-- Inbound SMS already handled, by Twilio's MessageSid (issue 9, item 6): a captured, correctly signed
-- reply posted again later must not acknowledge whatever incident is open by then. The primary key
-- makes the check and the claim one statement; rows hold no phone number and no text.
CREATE TABLE inbound_sms (
    message_sid  text        PRIMARY KEY,
    received_at  timestamptz NOT NULL
);
