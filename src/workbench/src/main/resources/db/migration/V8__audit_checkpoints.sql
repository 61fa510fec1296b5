-- The records an audit entry covers, with their content hashes ("table:key=sha256 ..."); part of the
-- entry's hash when present. Entries written before this migration have none.
ALTER TABLE audit_entry ADD COLUMN covers CHARACTER LARGE OBJECT;

-- A workbench that already had entries when this migration ran gets one baseline entry at its next
-- open, covering the sign-offs, roles and stored reports it holds then (see AuditCoverage).
INSERT INTO workbench_fact (fact_key, fact_value)
SELECT 'audit.coverage.baseline', 'pending' FROM DUAL WHERE EXISTS (SELECT 1 FROM audit_entry);
