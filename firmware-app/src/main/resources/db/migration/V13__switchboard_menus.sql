-- The switchboard's voice menus (总机, 智能语音导航) as data: one row per menu, its keys and their
-- destinations as JSON, checked as a whole before any is saved.
CREATE TABLE ivr_menu (
    id          VARCHAR(32)   NOT NULL PRIMARY KEY,
    body        VARCHAR(8000) NOT NULL,
    changed_by  VARCHAR(64)   NOT NULL,
    changed_at  VARCHAR(32)   NOT NULL
);
