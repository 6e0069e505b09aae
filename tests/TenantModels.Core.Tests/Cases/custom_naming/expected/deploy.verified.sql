-- TenantModels deploy script for custom_naming 1.0.0
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- staging_schema.outreach (tenant acme)
CREATE SCHEMA IF NOT EXISTS "stg_acme_outreach";

-- staging_schema.salesloft (tenant globex)
CREATE SCHEMA IF NOT EXISTS "stg_globex_salesloft";

-- staging_view.outreach.call (tenant acme)
CREATE OR REPLACE VIEW "stg_acme_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."relationship_user_id" AS text) AS "user_id",
    CAST("call_disposition"."name" AS text) AS "call_disposition_name"
FROM "raw_acme_outreach"."call" AS "call"
LEFT JOIN "raw_acme_outreach"."call_disposition" AS "call_disposition" ON call_disposition.id = call.relationship_call_disposition_id;

-- staging_view.salesloft.call (tenant globex)
CREATE OR REPLACE VIEW "stg_globex_salesloft"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."user_id" AS text) AS "user_id",
    CAST("call"."disposition" AS text) AS "call_disposition_name"
FROM "sl_globex"."call" AS "call";

-- canonical_schema
CREATE SCHEMA IF NOT EXISTS "analytics";

-- canonical_view.call
CREATE OR REPLACE VIEW "analytics"."call" WITH (security_invoker = true) AS
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('acme' AS text) AS "tenant_id" FROM "stg_acme_outreach"."call"
UNION ALL
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('globex' AS text) AS "tenant_id" FROM "stg_globex_salesloft"."call";
