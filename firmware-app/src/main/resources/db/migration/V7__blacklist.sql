-- Numbers the box must never dial (黑名单): kept by the CRM and pushed with guard.blacklist commands, or
-- entered by an admin. Numbers are stored normalised: digits only, without China's +86 / 0086 prefix.
CREATE TABLE blacklist (
    number      VARCHAR(32)  NOT NULL PRIMARY KEY,
    reason      VARCHAR(128) NOT NULL,
    source      VARCHAR(16)  NOT NULL,
    added_at    VARCHAR(32)  NOT NULL
);
