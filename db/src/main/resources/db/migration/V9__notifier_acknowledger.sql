-- Who took an incident by phone (issue 9, item 7): the page they answered, so a further press on the
-- taken but unclosed incident reaches that person at once. Console acknowledgements have no row.
CREATE TABLE incident_acknowledger (
    incident_id      bigint      PRIMARY KEY REFERENCES incident (id),
    notification_id  bigint      NOT NULL REFERENCES notification (id),
    at               timestamptz NOT NULL
);
