-- TenantModels deploy script for types_and_inner_join 1.0.0
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- staging_schema.outreach (tenant acme)
CREATE SCHEMA IF NOT EXISTS "acme_stg_outreach";

-- staging_view.outreach.call (tenant acme)
CREATE OR REPLACE VIEW "acme_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call_disposition"."name" AS varchar(40)) AS "disposition",
    CAST("call_disposition"."score" AS numeric(10,2)) AS "score",
    CAST("call_disposition"."tags" AS text[]) AS "tags",
    CAST("call_disposition"."active" AS boolean) AS "active",
    CAST("call_disposition"."ref" AS uuid) AS "ref",
    CAST("call"."created_at" AS date) AS "created_on"
FROM "acme_raw_outreach"."call" AS "call"
INNER JOIN "acme_raw_outreach"."call_disposition" AS "call_disposition" ON call_disposition.id = call.relationship_call_disposition_id and call_disposition.name <> 'x.y';

-- canonical_schema
CREATE SCHEMA IF NOT EXISTS "canonical";

-- canonical_view.call
CREATE OR REPLACE VIEW "canonical"."call" WITH (security_invoker = true) AS
SELECT "call_id", "disposition", "score", "tags", "active", "ref", "created_on", CAST('acme' AS text) AS "tenant_id" FROM "acme_stg_outreach"."call";
