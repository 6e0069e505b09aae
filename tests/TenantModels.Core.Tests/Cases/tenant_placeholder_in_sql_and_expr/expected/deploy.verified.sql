-- TenantModels deploy script for tenant_placeholder_in_sql_and_expr 1.0.0
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- tenant_schema (tenant acme)
CREATE SCHEMA IF NOT EXISTS "tenant_acme";

-- tenant_schema (tenant globex)
CREATE SCHEMA IF NOT EXISTS "tenant_globex";

-- staging_schema.outreach (tenant acme)
CREATE SCHEMA IF NOT EXISTS "acme_stg_outreach";

-- staging_schema.salesloft (tenant globex)
CREATE SCHEMA IF NOT EXISTS "globex_stg_salesloft";

-- staging_view.outreach.call (tenant acme)
CREATE OR REPLACE VIEW "acme_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."relationship_user_id" AS text) AS "user_id",
    CAST(('acme') AS text) AS "origin"
FROM "acme_raw_outreach"."call" AS "call"
LEFT JOIN "acme_raw_outreach"."call_disposition" AS "call_disposition" ON call_disposition.id = call.relationship_call_disposition_id and 'acme' <> '';

-- staging_view.salesloft.call (tenant globex)
CREATE OR REPLACE VIEW "globex_stg_salesloft"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."user_id" AS text) AS "user_id",
    CAST(('globex/' || call.user_id) AS text) AS "origin"
FROM "globex_raw_salesloft"."call" AS "call";

-- view.call_by_tenant (tenant acme)
CREATE OR REPLACE VIEW "tenant_acme"."call_by_tenant" WITH (security_invoker = true) AS
SELECT CAST("q"."tenant" AS text) AS "tenant", CAST("q"."calls" AS bigint) AS "calls"
FROM (
select 'acme' as tenant, count(*) as calls
from "acme_stg_outreach"."call"
where 'acme' <> ''
) AS "q";

-- canonical_schema
CREATE SCHEMA IF NOT EXISTS "canonical";

-- canonical_view.call
CREATE OR REPLACE VIEW "canonical"."call" WITH (security_invoker = true) AS
SELECT "call_id", "user_id", "origin", CAST('acme' AS text) AS "tenant_id" FROM "acme_stg_outreach"."call"
UNION ALL
SELECT "call_id", "user_id", "origin", CAST('globex' AS text) AS "tenant_id" FROM "globex_stg_salesloft"."call";

-- canonical_view.call_by_tenant
CREATE OR REPLACE VIEW "canonical"."call_by_tenant" WITH (security_invoker = true) AS
SELECT "tenant", "calls", CAST('acme' AS text) AS "tenant_id" FROM "tenant_acme"."call_by_tenant";
