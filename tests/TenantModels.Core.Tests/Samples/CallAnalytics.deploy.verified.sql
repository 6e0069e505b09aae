-- TenantModels deploy script for CallAnalytics 1.0.0
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- staging_schema.outreach (tenant org_javi_2_e0eynhkr)
CREATE SCHEMA IF NOT EXISTS "org_javi_2_e0eynhkr_stg_outreach";

-- staging_schema.outreach (tenant org_acme_k3x9)
CREATE SCHEMA IF NOT EXISTS "org_acme_k3x9_stg_outreach";

-- staging_schema.salesloft (tenant org_pablo_s_workspace_r0trlpgs)
CREATE SCHEMA IF NOT EXISTS "org_pablo_s_workspace_r0trlpgs_stg_salesloft";

-- staging_view.outreach.call (tenant org_javi_2_e0eynhkr)
CREATE OR REPLACE VIEW "org_javi_2_e0eynhkr_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."relationship_user_id" AS text) AS "user_id",
    CAST("call_disposition"."name" AS text) AS "call_disposition_name"
FROM "org_javi_2_e0eynhkr_raw_outreach"."call" AS "call"
LEFT JOIN "org_javi_2_e0eynhkr_raw_outreach"."call_disposition" AS "call_disposition" ON call_disposition.id = call.relationship_call_disposition_id;

-- staging_view.outreach.call (tenant org_acme_k3x9)
CREATE OR REPLACE VIEW "org_acme_k3x9_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."relationship_user_id" AS text) AS "user_id",
    CAST("call_disposition"."name" AS text) AS "call_disposition_name"
FROM "org_acme_k3x9_raw_outreach"."call" AS "call"
LEFT JOIN "org_acme_k3x9_raw_outreach"."call_disposition" AS "call_disposition" ON call_disposition.id = call.relationship_call_disposition_id;

-- staging_view.salesloft.call (tenant org_pablo_s_workspace_r0trlpgs)
CREATE OR REPLACE VIEW "org_pablo_s_workspace_r0trlpgs_stg_salesloft"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."user_id" AS text) AS "user_id",
    CAST("call"."disposition" AS text) AS "call_disposition_name"
FROM "org_pablo_s_workspace_r0trlpgs_raw_salesloft"."call" AS "call";

-- canonical_schema
CREATE SCHEMA IF NOT EXISTS "canonical";

-- canonical_view.call
CREATE OR REPLACE VIEW "canonical"."call" WITH (security_invoker = true) AS
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('org_javi_2_e0eynhkr' AS text) AS "tenant_id" FROM "org_javi_2_e0eynhkr_stg_outreach"."call"
UNION ALL
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('org_pablo_s_workspace_r0trlpgs' AS text) AS "tenant_id" FROM "org_pablo_s_workspace_r0trlpgs_stg_salesloft"."call"
UNION ALL
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('org_acme_k3x9' AS text) AS "tenant_id" FROM "org_acme_k3x9_stg_outreach"."call";
