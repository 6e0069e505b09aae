-- TenantModels deploy script for shared_tables_with_tenant_column 1.0.0
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- shared_schema
CREATE SCHEMA IF NOT EXISTS "shared";

-- table.screens
CREATE TABLE IF NOT EXISTS "shared"."screens" (
    "tenant_id" text NOT NULL,
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "white_label_id" integer NOT NULL,
    "household_size" integer,
    "submitted_at" timestamptz,
    CONSTRAINT "screens_pkey" PRIMARY KEY ("tenant_id", "id")
);
CREATE INDEX IF NOT EXISTS "screens_tenant_id_submitted_at_idx" ON "shared"."screens" ("tenant_id", "submitted_at");

-- table.screen_events
CREATE TABLE IF NOT EXISTS "shared"."screen_events" (
    "tenant_id" text NOT NULL,
    "screen_id" uuid NOT NULL,
    "kind" text,
    CONSTRAINT "screen_events_screen_id_fkey" FOREIGN KEY ("tenant_id", "screen_id") REFERENCES "shared"."screens" ("tenant_id", "id") ON DELETE NO ACTION
);
CREATE INDEX IF NOT EXISTS "screen_events_tenant_id_idx" ON "shared"."screen_events" ("tenant_id");

-- view.screen_totals
CREATE OR REPLACE VIEW "shared"."screen_totals" WITH (security_invoker = true) AS
SELECT CAST("q"."white_label_id" AS integer) AS "white_label_id", CAST("q"."screens" AS bigint) AS "screens"
FROM (
select white_label_id, count(*) as screens from "shared"."screens" group by white_label_id
) AS "q";
