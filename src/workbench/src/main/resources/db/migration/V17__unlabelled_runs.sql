-- A run scored without a target (`assay eval --no-target`, issue 18: label-free performance
-- estimation on current data) has no target column: its target_column is NULL, its configuration
-- says "labels": "none: ...", and its result holds no label metrics.
ALTER TABLE eval_run ALTER COLUMN target_column SET NULL;
