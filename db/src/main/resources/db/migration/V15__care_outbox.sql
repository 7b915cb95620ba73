-- The care SMS outbox's own bookkeeping (issue 11: reminders, digests, replies). A sender holds the rows it
-- sends for a lease (claimed_until), so two ticks or two instances never send one message together; a reminder
-- a later one for the same duty period replaced is closed (closed_at), which frees its reply code; answer_sid is
-- the provider's id of the last reply that recorded a contact (answered_at says when).
ALTER TABLE care_message
    ADD COLUMN claimed_until timestamptz,
    ADD COLUMN closed_at     timestamptz,
    ADD COLUMN answer_sid    text;

-- Failed care messages are listed for staff (nobody was reminded): newest first.
CREATE INDEX care_message_failed ON care_message (created_at DESC) WHERE status = 'FAILED';
