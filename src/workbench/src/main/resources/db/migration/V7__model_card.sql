-- The model card of a model version: free text written by people (owner, intended use, out-of-scope
-- uses, limitations), shown on the Summary sheet of the compliance workbook.
CREATE TABLE model_card (
    model_version_id BIGINT PRIMARY KEY REFERENCES model_version (id) ON DELETE CASCADE,
    owner            CHARACTER LARGE OBJECT,
    intended_use     CHARACTER LARGE OBJECT,
    out_of_scope     CHARACTER LARGE OBJECT,
    limitations      CHARACTER LARGE OBJECT,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by       VARCHAR(200) NOT NULL
);
