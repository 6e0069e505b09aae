-- TenantModels deploy script for tm2020_canonical_view_too_wide 1.0.0
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- staging_schema.outreach (tenant acme)
CREATE SCHEMA IF NOT EXISTS "acme_stg_outreach";

-- staging_schema.outreach (tenant globex)
CREATE SCHEMA IF NOT EXISTS "globex_stg_outreach";

-- staging_schema.outreach (tenant initech)
CREATE SCHEMA IF NOT EXISTS "initech_stg_outreach";

-- staging_view.outreach.call (tenant acme)
CREATE OR REPLACE VIEW "acme_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."relationship_user_id" AS text) AS "user_id"
FROM "acme_raw_outreach"."call" AS "call";

-- staging_view.outreach.call (tenant globex)
CREATE OR REPLACE VIEW "globex_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."relationship_user_id" AS text) AS "user_id"
FROM "globex_raw_outreach"."call" AS "call";

-- staging_view.outreach.call (tenant initech)
CREATE OR REPLACE VIEW "initech_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."relationship_user_id" AS text) AS "user_id"
FROM "initech_raw_outreach"."call" AS "call";

-- staging_view.outreach.call_table (tenant acme)
CREATE OR REPLACE VIEW "acme_stg_outreach"."call_table" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id"
FROM "acme_raw_outreach"."call" AS "call";

-- staging_view.outreach.call_table (tenant globex)
CREATE OR REPLACE VIEW "globex_stg_outreach"."call_table" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id"
FROM "globex_raw_outreach"."call" AS "call";

-- staging_view.outreach.call_table (tenant initech)
CREATE OR REPLACE VIEW "initech_stg_outreach"."call_table" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id"
FROM "initech_raw_outreach"."call" AS "call";

-- canonical_schema
CREATE SCHEMA IF NOT EXISTS "canonical";

-- canonical_view.call
CREATE OR REPLACE VIEW "canonical"."call" WITH (security_invoker = true) AS
SELECT "call_id", "user_id", CAST('acme' AS text) AS "tenant_id" FROM "acme_stg_outreach"."call"
UNION ALL
SELECT "call_id", "user_id", CAST('globex' AS text) AS "tenant_id" FROM "globex_stg_outreach"."call"
UNION ALL
SELECT "call_id", "user_id", CAST('initech' AS text) AS "tenant_id" FROM "initech_stg_outreach"."call";

-- canonical_table.call_table
CREATE TABLE IF NOT EXISTS "canonical"."call_table" (
    "call_id" bigint,
    "tenant_id" text NOT NULL
);
CREATE INDEX IF NOT EXISTS "call_table_tenant_id_idx" ON "canonical"."call_table" ("tenant_id");

-- canonical_partition.call_table (tenant acme)
DELETE FROM "canonical"."call_table" WHERE "tenant_id" = 'acme';
INSERT INTO "canonical"."call_table" ("call_id", "tenant_id")
SELECT "call_id", CAST('acme' AS text) AS "tenant_id" FROM "acme_stg_outreach"."call_table";

-- canonical_partition.call_table (tenant globex)
DELETE FROM "canonical"."call_table" WHERE "tenant_id" = 'globex';
INSERT INTO "canonical"."call_table" ("call_id", "tenant_id")
SELECT "call_id", CAST('globex' AS text) AS "tenant_id" FROM "globex_stg_outreach"."call_table";

-- canonical_partition.call_table (tenant initech)
DELETE FROM "canonical"."call_table" WHERE "tenant_id" = 'initech';
INSERT INTO "canonical"."call_table" ("call_id", "tenant_id")
SELECT "call_id", CAST('initech' AS text) AS "tenant_id" FROM "initech_stg_outreach"."call_table";
