-- Identity columns hand out one value at a time instead of reserving 32: H2 writes a reserved block's
-- end to the file, so a process killed after its first insert made the next id jump by 32. One more
-- write per insert is the price; inserts here are few and small.
ALTER TABLE model_version ALTER COLUMN id SET NO CACHE;
ALTER TABLE audit_entry ALTER COLUMN seq SET NO CACHE;
ALTER TABLE dataset_version ALTER COLUMN id SET NO CACHE;
ALTER TABLE eval_run ALTER COLUMN id SET NO CACHE;
ALTER TABLE fairness_report ALTER COLUMN id SET NO CACHE;
ALTER TABLE comparison ALTER COLUMN id SET NO CACHE;
ALTER TABLE model_signature ALTER COLUMN id SET NO CACHE;
ALTER TABLE security_report ALTER COLUMN id SET NO CACHE;
ALTER TABLE signoff ALTER COLUMN id SET NO CACHE;
