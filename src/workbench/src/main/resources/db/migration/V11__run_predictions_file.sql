-- Per-row predictions of new runs live in the workbench's prediction store
-- (store/predictions/<sha256>.pred); the row records the file's hash and size. Rows of older
-- runs keep their predictions in the predictions column and are read from there.
ALTER TABLE eval_run ADD COLUMN predictions_sha256 VARCHAR(64);
ALTER TABLE eval_run ADD COLUMN predictions_size BIGINT;
CREATE INDEX ix_run_predictions ON eval_run (predictions_sha256);
