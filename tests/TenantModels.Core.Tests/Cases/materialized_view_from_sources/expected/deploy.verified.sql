-- TenantModels deploy script for materialized_view_from_sources 1.0.0
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- staging_schema.outreach (tenant acme)
CREATE SCHEMA IF NOT EXISTS "acme_stg_outreach";

-- staging_schema.salesloft (tenant globex)
CREATE SCHEMA IF NOT EXISTS "globex_stg_salesloft";

-- staging_view.outreach.call (tenant acme)
CREATE MATERIALIZED VIEW IF NOT EXISTS "acme_stg_outreach"."call" AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."relationship_user_id" AS text) AS "user_id",
    CAST("call_disposition"."name" AS text) AS "call_disposition_name"
FROM "acme_raw_outreach"."call" AS "call"
LEFT JOIN "acme_raw_outreach"."call_disposition" AS "call_disposition" ON call_disposition.id = call.relationship_call_disposition_id
WITH DATA;
CREATE UNIQUE INDEX IF NOT EXISTS "call_call_id_idx" ON "acme_stg_outreach"."call" ("call_id");

-- staging_view.salesloft.call (tenant globex)
CREATE MATERIALIZED VIEW IF NOT EXISTS "globex_stg_salesloft"."call" AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."user_id" AS text) AS "user_id",
    CAST("call"."disposition" AS text) AS "call_disposition_name"
FROM "globex_raw_salesloft"."call" AS "call"
WITH DATA;
CREATE UNIQUE INDEX IF NOT EXISTS "call_call_id_idx" ON "globex_stg_salesloft"."call" ("call_id");

-- canonical_schema
CREATE SCHEMA IF NOT EXISTS "canonical";

-- canonical_view.call
CREATE OR REPLACE VIEW "canonical"."call" WITH (security_invoker = true) AS
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('acme' AS text) AS "tenant_id" FROM "acme_stg_outreach"."call"
UNION ALL
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('globex' AS text) AS "tenant_id" FROM "globex_stg_salesloft"."call";
