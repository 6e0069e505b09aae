-- TenantModels deploy script for scheduled_refresh 1.0.0
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- tenant_schema (tenant acme)
CREATE SCHEMA IF NOT EXISTS "tenant_acme";

-- tenant_schema (tenant globex)
CREATE SCHEMA IF NOT EXISTS "tenant_globex";

-- tenant_schema (tenant initech)
CREATE SCHEMA IF NOT EXISTS "tenant_initech";

-- staging_schema.outreach (tenant acme)
CREATE SCHEMA IF NOT EXISTS "acme_stg_outreach";

-- staging_schema.outreach (tenant globex)
CREATE SCHEMA IF NOT EXISTS "globex_stg_outreach";

-- staging_schema.salesloft (tenant globex)
CREATE SCHEMA IF NOT EXISTS "globex_stg_salesloft";

-- staging_schema.salesloft (tenant initech)
CREATE SCHEMA IF NOT EXISTS "initech_stg_salesloft";

-- staging_view.outreach.call (tenant acme)
CREATE OR REPLACE VIEW "acme_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."relationship_user_id" AS text) AS "user_id"
FROM "acme_raw_outreach"."call" AS "call";

-- staging_view.outreach.call (tenant globex)
CREATE OR REPLACE VIEW "globex_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."relationship_user_id" AS text) AS "user_id"
FROM "globex_raw_outreach"."call" AS "call";

-- staging_view.salesloft.call (tenant globex)
CREATE OR REPLACE VIEW "globex_stg_salesloft"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."user_id" AS text) AS "user_id"
FROM "globex_raw_salesloft"."call" AS "call";

-- staging_view.salesloft.call (tenant initech)
CREATE OR REPLACE VIEW "initech_stg_salesloft"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."user_id" AS text) AS "user_id"
FROM "initech_raw_salesloft"."call" AS "call";

-- materialized_view.daily_calls (tenant acme)
CREATE MATERIALIZED VIEW IF NOT EXISTS "tenant_acme"."daily_calls" AS
SELECT CAST("q"."day" AS date) AS "day", CAST("q"."calls" AS bigint) AS "calls"
FROM (
SELECT call_created_at::date AS day, count(*) AS calls FROM "acme_stg_outreach"."call" GROUP BY 1
) AS "q"
WITH DATA;

-- materialized_view.daily_calls (tenant globex)
CREATE MATERIALIZED VIEW IF NOT EXISTS "tenant_globex"."daily_calls" AS
SELECT CAST("q"."day" AS date) AS "day", CAST("q"."calls" AS bigint) AS "calls"
FROM (
SELECT call_created_at::date AS day, count(*) AS calls FROM "globex_stg_outreach"."call" GROUP BY 1
) AS "q"
WITH DATA;

-- staging_view.outreach.outreach_calls (tenant acme)
CREATE MATERIALIZED VIEW IF NOT EXISTS "acme_stg_outreach"."outreach_calls" AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id"
FROM "acme_raw_outreach"."call" AS "call"
WITH DATA;

-- staging_view.outreach.outreach_calls (tenant globex)
CREATE MATERIALIZED VIEW IF NOT EXISTS "globex_stg_outreach"."outreach_calls" AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id"
FROM "globex_raw_outreach"."call" AS "call"
WITH DATA;

-- canonical_schema
CREATE SCHEMA IF NOT EXISTS "canonical";

-- canonical_table.call
CREATE TABLE IF NOT EXISTS "canonical"."call" (
    "call_id" bigint,
    "call_created_at" timestamp,
    "user_id" text,
    "tenant_id" text NOT NULL
);
CREATE INDEX IF NOT EXISTS "call_tenant_id_idx" ON "canonical"."call" ("tenant_id");

-- canonical_partition.call (tenant acme)
DELETE FROM "canonical"."call" WHERE "tenant_id" = 'acme';
INSERT INTO "canonical"."call" ("call_id", "call_created_at", "user_id", "tenant_id")
SELECT "call_id", "call_created_at", "user_id", CAST('acme' AS text) AS "tenant_id" FROM "acme_stg_outreach"."call";

-- canonical_partition.call (tenant globex)
DELETE FROM "canonical"."call" WHERE "tenant_id" = 'globex';
INSERT INTO "canonical"."call" ("call_id", "call_created_at", "user_id", "tenant_id")
SELECT "call_id", "call_created_at", "user_id", CAST('globex' AS text) AS "tenant_id" FROM "globex_stg_outreach"."call"
UNION ALL
SELECT "call_id", "call_created_at", "user_id", CAST('globex' AS text) AS "tenant_id" FROM "globex_stg_salesloft"."call";

-- canonical_partition.call (tenant initech)
DELETE FROM "canonical"."call" WHERE "tenant_id" = 'initech';
INSERT INTO "canonical"."call" ("call_id", "call_created_at", "user_id", "tenant_id")
SELECT "call_id", "call_created_at", "user_id", CAST('initech' AS text) AS "tenant_id" FROM "initech_stg_salesloft"."call";
