-- Every modem and SIM card the box has seen, so that an installer can tell which card was in which
-- modem and when, even after the hardware is gone. Times are ISO-8601 UTC text.

CREATE TABLE modem (
    imei            VARCHAR(20)  NOT NULL PRIMARY KEY,
    line_id         VARCHAR(64)  NOT NULL,
    manufacturer    VARCHAR(128) NOT NULL,
    model           VARCHAR(128) NOT NULL,
    revision        VARCHAR(128) NOT NULL,
    vendor_profile  VARCHAR(32)  NOT NULL,
    port            VARCHAR(256) NOT NULL,
    usb_path        VARCHAR(64)  NOT NULL,
    usb_interface   INTEGER      NOT NULL,
    first_seen      VARCHAR(32)  NOT NULL,
    last_seen       VARCHAR(32)  NOT NULL
);

CREATE TABLE sim (
    iccid           VARCHAR(24)  NOT NULL PRIMARY KEY,
    imsi            VARCHAR(16)  NOT NULL,
    own_number      VARCHAR(32)  NOT NULL,
    operator        VARCHAR(64)  NOT NULL,
    line_id         VARCHAR(64)  NOT NULL,
    modem_imei      VARCHAR(20)  NOT NULL,
    first_seen      VARCHAR(32)  NOT NULL,
    last_seen       VARCHAR(32)  NOT NULL
);

CREATE INDEX sim_by_line ON sim (line_id);
