-- The outputs chosen for a model version (--probabilities-output, --label-output, or a screen),
-- remembered like the binding. A null name leaves that output to Assay.
CREATE TABLE model_output_choice (
    model_version_id     BIGINT PRIMARY KEY REFERENCES model_version (id) ON DELETE CASCADE,
    probabilities_output VARCHAR(1000),
    label_output         VARCHAR(1000),
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by           VARCHAR(200) NOT NULL
);

-- Target values mapped onto a model version's classes (--target-map), remembered per dataset name.
CREATE TABLE model_target_map (
    model_version_id BIGINT NOT NULL REFERENCES model_version (id) ON DELETE CASCADE,
    dataset_name     VARCHAR(200) NOT NULL,
    map_json         CHARACTER LARGE OBJECT NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by       VARCHAR(200) NOT NULL,
    PRIMARY KEY (model_version_id, dataset_name)
);
