-- Commands from the CRM, by id, with the outcome the box acknowledged: a command delivered twice is
-- executed once, and its second delivery is answered with the first outcome.
CREATE TABLE crm_command (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    type            VARCHAR(32)  NOT NULL,
    received_at     VARCHAR(32)  NOT NULL,
    outcome         VARCHAR(16)  NOT NULL,
    reason          VARCHAR(256) NOT NULL,
    result          TEXT         NOT NULL
);
