-- The switchboard list (总机中心): an inbound call nobody answered stays unhandled until someone calls the
-- customer back or an admin marks it handled, with who, when and a note.
CREATE TABLE inbound_handled (
    call_id     VARCHAR(36)   NOT NULL PRIMARY KEY,
    handled_by  VARCHAR(64)   NOT NULL,
    handled_at  VARCHAR(32)   NOT NULL,
    note        VARCHAR(200)  NOT NULL
);

-- Whether a missed caller was called back: a later answered call out to the same number.
CREATE INDEX call_by_number ON call_record (number_given, started_at);
