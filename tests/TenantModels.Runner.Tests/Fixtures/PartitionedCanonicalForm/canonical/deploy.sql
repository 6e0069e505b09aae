-- TenantModels deploy script for Canonical 1.0.0
-- sha256:f669fec0c65a670936f5696bef83c3a1383aee5b5cf36d8e6e38938651edbbe1
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- staging_schema.outreach (tenant acme)
CREATE SCHEMA IF NOT EXISTS "acme_stg_outreach";

-- staging_schema.outreach (tenant initech)
CREATE SCHEMA IF NOT EXISTS "initech_stg_outreach";

-- staging_schema.salesloft (tenant globex)
CREATE SCHEMA IF NOT EXISTS "globex_stg_salesloft";

-- staging_schema.salesloft (tenant initech)
CREATE SCHEMA IF NOT EXISTS "initech_stg_salesloft";

-- staging_view.outreach.call (tenant acme)
CREATE OR REPLACE VIEW "acme_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."relationship_user_id" AS text) AS "user_id",
    CAST("call_disposition"."name" AS text) AS "call_disposition_name"
FROM "acme_raw_outreach"."call" AS "call"
LEFT JOIN "acme_raw_outreach"."call_disposition" AS "call_disposition" ON call_disposition.id = call.relationship_call_disposition_id;

-- staging_view.outreach.call (tenant initech)
CREATE OR REPLACE VIEW "initech_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."relationship_user_id" AS text) AS "user_id",
    CAST("call_disposition"."name" AS text) AS "call_disposition_name"
FROM "initech_raw_outreach"."call" AS "call"
LEFT JOIN "initech_raw_outreach"."call_disposition" AS "call_disposition" ON call_disposition.id = call.relationship_call_disposition_id;

-- staging_view.salesloft.call (tenant globex)
CREATE OR REPLACE VIEW "globex_stg_salesloft"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."user_id" AS text) AS "user_id",
    CAST("call"."disposition" AS text) AS "call_disposition_name"
FROM "globex_raw_salesloft"."call" AS "call";

-- staging_view.salesloft.call (tenant initech)
CREATE OR REPLACE VIEW "initech_stg_salesloft"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."user_id" AS text) AS "user_id",
    CAST("call"."disposition" AS text) AS "call_disposition_name"
FROM "initech_raw_salesloft"."call" AS "call";

-- staging_view.outreach.call_inc (tenant acme)
CREATE OR REPLACE VIEW "acme_stg_outreach"."call_inc" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."relationship_user_id" AS text) AS "user_id"
FROM "acme_raw_outreach"."call" AS "call";

-- staging_view.outreach.call_inc (tenant initech)
CREATE OR REPLACE VIEW "initech_stg_outreach"."call_inc" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."relationship_user_id" AS text) AS "user_id"
FROM "initech_raw_outreach"."call" AS "call";

-- staging_view.outreach.call_v (tenant acme)
CREATE OR REPLACE VIEW "acme_stg_outreach"."call_v" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."relationship_user_id" AS text) AS "user_id",
    CAST("call_disposition"."name" AS text) AS "call_disposition_name"
FROM "acme_raw_outreach"."call" AS "call"
LEFT JOIN "acme_raw_outreach"."call_disposition" AS "call_disposition" ON call_disposition.id = call.relationship_call_disposition_id;

-- staging_view.outreach.call_v (tenant initech)
CREATE OR REPLACE VIEW "initech_stg_outreach"."call_v" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."relationship_user_id" AS text) AS "user_id",
    CAST("call_disposition"."name" AS text) AS "call_disposition_name"
FROM "initech_raw_outreach"."call" AS "call"
LEFT JOIN "initech_raw_outreach"."call_disposition" AS "call_disposition" ON call_disposition.id = call.relationship_call_disposition_id;

-- staging_view.salesloft.call_v (tenant globex)
CREATE OR REPLACE VIEW "globex_stg_salesloft"."call_v" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."user_id" AS text) AS "user_id",
    CAST("call"."disposition" AS text) AS "call_disposition_name"
FROM "globex_raw_salesloft"."call" AS "call";

-- staging_view.salesloft.call_v (tenant initech)
CREATE OR REPLACE VIEW "initech_stg_salesloft"."call_v" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."user_id" AS text) AS "user_id",
    CAST("call"."disposition" AS text) AS "call_disposition_name"
FROM "initech_raw_salesloft"."call" AS "call";

-- canonical_schema
CREATE SCHEMA IF NOT EXISTS "canonical";

-- canonical_table.call
CREATE TABLE IF NOT EXISTS "canonical"."call" (
    "call_id" bigint,
    "call_created_at" timestamp,
    "user_id" text,
    "call_disposition_name" text,
    "tenant_id" text NOT NULL
) PARTITION BY LIST ("tenant_id");

-- canonical_partition.call (tenant acme)
CREATE TABLE IF NOT EXISTS "canonical"."call$acme" PARTITION OF "canonical"."call" FOR VALUES IN ('acme');
DELETE FROM "canonical"."call$acme";
INSERT INTO "canonical"."call$acme" ("call_id", "call_created_at", "user_id", "call_disposition_name", "tenant_id")
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('acme' AS text) AS "tenant_id" FROM "acme_stg_outreach"."call";

-- canonical_partition.call (tenant globex)
CREATE TABLE IF NOT EXISTS "canonical"."call$globex" PARTITION OF "canonical"."call" FOR VALUES IN ('globex');
DELETE FROM "canonical"."call$globex";
INSERT INTO "canonical"."call$globex" ("call_id", "call_created_at", "user_id", "call_disposition_name", "tenant_id")
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('globex' AS text) AS "tenant_id" FROM "globex_stg_salesloft"."call";

-- canonical_partition.call (tenant initech)
CREATE TABLE IF NOT EXISTS "canonical"."call$initech" PARTITION OF "canonical"."call" FOR VALUES IN ('initech');
DELETE FROM "canonical"."call$initech";
INSERT INTO "canonical"."call$initech" ("call_id", "call_created_at", "user_id", "call_disposition_name", "tenant_id")
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('initech' AS text) AS "tenant_id" FROM "initech_stg_outreach"."call"
UNION ALL
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('initech' AS text) AS "tenant_id" FROM "initech_stg_salesloft"."call";

-- canonical_table.call_inc
CREATE TABLE IF NOT EXISTS "canonical"."call_inc" (
    "call_id" bigint,
    "user_id" text,
    "tenant_id" text NOT NULL
) PARTITION BY LIST ("tenant_id");

-- canonical_partition.call_inc (tenant acme)
CREATE TABLE IF NOT EXISTS "canonical"."call_inc$acme" PARTITION OF "canonical"."call_inc" FOR VALUES IN ('acme');
DELETE FROM "canonical"."call_inc$acme";
INSERT INTO "canonical"."call_inc$acme" ("call_id", "user_id", "tenant_id")
SELECT "call_id", "user_id", CAST('acme' AS text) AS "tenant_id" FROM "acme_stg_outreach"."call_inc";

-- canonical_partition.call_inc (tenant initech)
CREATE TABLE IF NOT EXISTS "canonical"."call_inc$initech" PARTITION OF "canonical"."call_inc" FOR VALUES IN ('initech');
DELETE FROM "canonical"."call_inc$initech";
INSERT INTO "canonical"."call_inc$initech" ("call_id", "user_id", "tenant_id")
SELECT "call_id", "user_id", CAST('initech' AS text) AS "tenant_id" FROM "initech_stg_outreach"."call_inc";

-- canonical_view.call_v
CREATE OR REPLACE VIEW "canonical"."call_v" WITH (security_invoker = true) AS
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('acme' AS text) AS "tenant_id" FROM "acme_stg_outreach"."call_v"
UNION ALL
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('globex' AS text) AS "tenant_id" FROM "globex_stg_salesloft"."call_v"
UNION ALL
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('initech' AS text) AS "tenant_id" FROM "initech_stg_outreach"."call_v"
UNION ALL
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('initech' AS text) AS "tenant_id" FROM "initech_stg_salesloft"."call_v";
