-- A call's recording: its WAV file under the data folder, and what became of it. The row is written when
-- the call is answered, in state 'recording', holding the call as it stood then (call_json), so that a box
-- stopped mid-call (kill -9, a power cut) still leaves a record and a playable file on the next start
-- ('cut'). 'complete' is set in the same transaction as the call's record, after the file was synced;
-- 'deleted' when the quota or the retention removed the file (the row stays for the record's sake).
CREATE TABLE recording (
    call_id      VARCHAR(36)  NOT NULL PRIMARY KEY,
    path         VARCHAR(256) NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    call_json    TEXT         NOT NULL,
    started_at   VARCHAR(32)  NOT NULL,
    millis       BIGINT       NOT NULL,
    bytes        BIGINT       NOT NULL,
    sha256       VARCHAR(64),
    uploaded_at  VARCHAR(32),
    deleted_at   VARCHAR(32)
);

CREATE INDEX recording_by_start ON recording (started_at);

-- Opening messages (人机互动开场白): at most five, stored converted to 8 kHz mono PCM in prompts/<id>.pcm.
CREATE TABLE prompt (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    name         VARCHAR(64)  NOT NULL,
    source_name  VARCHAR(128) NOT NULL,
    millis       BIGINT       NOT NULL,
    created_at   VARCHAR(32)  NOT NULL
);

-- Which prompt opens the calls of an agent or of a line; an agent's choice wins over the line's.
CREATE TABLE opening_message (
    scope        VARCHAR(8)   NOT NULL,
    target       VARCHAR(64)  NOT NULL,
    prompt_id    VARCHAR(36)  NOT NULL,
    PRIMARY KEY (scope, target)
);
