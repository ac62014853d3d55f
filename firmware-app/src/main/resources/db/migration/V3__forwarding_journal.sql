-- Call-forward dialing registers unconditional forwarding of a SIM to a customer for one call. The row is
-- written (synchronous=FULL) before AT+CCFC is sent and closed only once the erase is confirmed, so that
-- after a crash or power cut the box knows which SIM may still be forwarding and erases it.
CREATE TABLE forwarding_journal (
    call_id         VARCHAR(36)  NOT NULL,
    line_id         VARCHAR(64)  NOT NULL,
    sim_iccid       VARCHAR(24)  NOT NULL,
    target          VARCHAR(64)  NOT NULL,
    opened_at       VARCHAR(32)  NOT NULL,
    erased_at       VARCHAR(32),
    PRIMARY KEY (call_id, line_id)
);

CREATE INDEX forwarding_open ON forwarding_journal (erased_at);
