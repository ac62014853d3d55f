-- Who may use the box's API and page (roles and data scopes as the seed manual's 员工管理 has them), the API
-- tokens of scripts and the CRM, and the audit log of every change made through the API. Passwords and
-- tokens are kept only as hashes: argon2id PHC strings for passwords, SHA-256 for the random tokens.
CREATE TABLE account (
    name             VARCHAR(32)  NOT NULL PRIMARY KEY,
    role             VARCHAR(16)  NOT NULL,
    -- an agent account: the agent it is; null for the other roles
    agent_id         VARCHAR(32),
    -- 隐号: customer numbers shown as 150****4763 to this account
    masked           INTEGER      NOT NULL,
    password_hash    VARCHAR(256) NOT NULL,
    -- set while the password is a one-time one (made by the installer): it must be changed at login, and
    -- stops working after this time
    one_time_until   VARCHAR(32),
    created_at       VARCHAR(32)  NOT NULL,
    password_set_at  VARCHAR(32)  NOT NULL
);

-- A supervisor's team: the agents whose live state and records they see.
CREATE TABLE account_team (
    account          VARCHAR(32)  NOT NULL,
    agent_id         VARCHAR(32)  NOT NULL,
    PRIMARY KEY (account, agent_id)
);

CREATE TABLE api_token (
    name             VARCHAR(32)  NOT NULL PRIMARY KEY,
    role             VARCHAR(16)  NOT NULL,
    masked           INTEGER      NOT NULL,
    token_hash       VARCHAR(64)  NOT NULL UNIQUE,
    created_at       VARCHAR(32)  NOT NULL,
    last_used_at     VARCHAR(32)
);

CREATE TABLE audit_entry (
    seq              INTEGER      NOT NULL PRIMARY KEY,
    at               VARCHAR(32)  NOT NULL,
    actor            VARCHAR(48)  NOT NULL,
    via              VARCHAR(16)  NOT NULL,
    remote           VARCHAR(64)  NOT NULL,
    method           VARCHAR(8)   NOT NULL,
    path             VARCHAR(256) NOT NULL,
    status           INTEGER      NOT NULL,
    what             VARCHAR(256) NOT NULL
);

CREATE INDEX audit_entry_by_actor ON audit_entry (actor, seq);
