-- The sender asks for the oldest unsent items and the page for how many there are. Without an index both
-- walked every row the CRM already has, a cost that grew with each day kept; the partial index holds only
-- the unsent, so both stay as cheap as the backlog is short.
CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL;
