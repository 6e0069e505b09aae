-- TenantModels deploy script for data_tests 1.0.0
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- shared_schema
CREATE SCHEMA IF NOT EXISTS "shared";

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
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."relationship_user_id" AS text) AS "user_id",
    CAST("call_disposition"."name" AS text) AS "call_disposition_name"
FROM "acme_raw_outreach"."call" AS "call"
LEFT JOIN "acme_raw_outreach"."call_disposition" AS "call_disposition" ON call_disposition.id = call.relationship_call_disposition_id;

-- staging_view.salesloft.call (tenant globex)
CREATE OR REPLACE VIEW "globex_stg_salesloft"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."user_id" AS text) AS "user_id",
    CAST("call"."disposition" AS text) AS "call_disposition_name"
FROM "globex_raw_salesloft"."call" AS "call";

-- table.notes
CREATE TABLE IF NOT EXISTS "shared"."notes" (
    "tenant_id" text NOT NULL,
    "note_id" bigint NOT NULL,
    "region_id" integer,
    CONSTRAINT "notes_pkey" PRIMARY KEY ("tenant_id", "note_id")
);

-- table.orders (tenant acme)
CREATE TABLE IF NOT EXISTS "tenant_acme"."orders" (
    "order_id" bigint NOT NULL,
    "region_id" integer,
    "quantity" integer,
    "unit_price" numeric(10,2),
    "placed_on" date,
    CONSTRAINT "orders_pkey" PRIMARY KEY ("order_id")
);

-- table.orders (tenant globex)
CREATE TABLE IF NOT EXISTS "tenant_globex"."orders" (
    "order_id" bigint NOT NULL,
    "region_id" integer,
    "quantity" integer,
    "unit_price" numeric(10,2),
    "placed_on" date,
    CONSTRAINT "orders_pkey" PRIMARY KEY ("order_id")
);

-- table.regions (tenant acme)
CREATE TABLE IF NOT EXISTS "tenant_acme"."regions" (
    "region_id" integer NOT NULL,
    "name" text,
    CONSTRAINT "regions_pkey" PRIMARY KEY ("region_id")
);

-- table.regions (tenant globex)
CREATE TABLE IF NOT EXISTS "tenant_globex"."regions" (
    "region_id" integer NOT NULL,
    "name" text,
    CONSTRAINT "regions_pkey" PRIMARY KEY ("region_id")
);

-- table.shared_regions
CREATE TABLE IF NOT EXISTS "shared"."shared_regions" (
    "tenant_id" text NOT NULL,
    "id" integer NOT NULL,
    CONSTRAINT "shared_regions_pkey" PRIMARY KEY ("tenant_id", "id")
);

-- canonical_schema
CREATE SCHEMA IF NOT EXISTS "canonical";

-- canonical_view.call
CREATE OR REPLACE VIEW "canonical"."call" WITH (security_invoker = true) AS
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('acme' AS text) AS "tenant_id" FROM "acme_stg_outreach"."call"
UNION ALL
SELECT "call_id", "call_created_at", "user_id", "call_disposition_name", CAST('globex' AS text) AS "tenant_id" FROM "globex_stg_salesloft"."call";

-- canonical_table.regions
CREATE TABLE IF NOT EXISTS "canonical"."regions" (
    "region_id" integer,
    "name" text,
    "tenant_id" text NOT NULL
);
CREATE INDEX IF NOT EXISTS "regions_tenant_id_idx" ON "canonical"."regions" ("tenant_id");

-- canonical_partition.regions (tenant acme)
DELETE FROM "canonical"."regions" WHERE "tenant_id" = 'acme';
INSERT INTO "canonical"."regions" ("region_id", "name", "tenant_id")
SELECT "region_id", "name", CAST('acme' AS text) AS "tenant_id" FROM "tenant_acme"."regions";

-- canonical_partition.regions (tenant globex)
DELETE FROM "canonical"."regions" WHERE "tenant_id" = 'globex';
INSERT INTO "canonical"."regions" ("region_id", "name", "tenant_id")
SELECT "region_id", "name", CAST('globex' AS text) AS "tenant_id" FROM "tenant_globex"."regions";
