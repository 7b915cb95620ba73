-- Slow or failing providers (issue 9, item 8). When a page was first tried, by the notifier's clock,
-- so its retries end at a deadline and the next person is paged; and whether a try ever went unanswered
-- (timed out after the request left): such a page may have reached its person, it is tried at most once
-- more, and the console says so.
ALTER TABLE notification
    ADD COLUMN first_attempt_at  timestamptz,
    ADD COLUMN uncertain         boolean NOT NULL DEFAULT false;
