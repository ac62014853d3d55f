-- Calls that rang one of the box's lines (呼入) are records too: each says which way it went. Every call
-- before this version went out.
ALTER TABLE call_record ADD COLUMN direction VARCHAR(3) NOT NULL DEFAULT 'out';
