-- Settings an installer or admin changed from the admin page or the API, over the configuration file's:
-- one JSON value per scope (line:ID, crm), who changed it and when. The file stays the installer's; a
-- scope removed here falls back to it. (The service's user cannot write /etc/branchline, and should not.)
CREATE TABLE saved_setting (
    scope       VARCHAR(80)   NOT NULL PRIMARY KEY,
    value       VARCHAR(8000) NOT NULL,
    changed_by  VARCHAR(64)   NOT NULL,
    changed_at  VARCHAR(32)   NOT NULL
);
