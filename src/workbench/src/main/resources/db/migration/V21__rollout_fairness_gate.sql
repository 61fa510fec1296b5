-- A rollout plan's optional fairness gate (issue 20): the stage rolls back when, over its windows,
-- the challenger's disparity (fairness_metric, as assay fairness defines it) between the groups of
-- the sensitive feature fairness_column is above fairness_threshold while the champion's is not;
-- groups with fewer than fairness_min_group predictions are not judged. All four are null for a
-- plan without the gate; the audit trail hashes them only when set, so plans covered before this
-- migration keep their hashes.
ALTER TABLE rollout_plan ADD COLUMN fairness_column VARCHAR(200);
ALTER TABLE rollout_plan ADD COLUMN fairness_metric VARCHAR(100);
ALTER TABLE rollout_plan ADD COLUMN fairness_threshold DOUBLE PRECISION;
ALTER TABLE rollout_plan ADD COLUMN fairness_min_group INT;
