-- TenantModels deploy script for tenant_values_in_sql 1.0.0
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- tenant_schema (tenant acme)
CREATE SCHEMA IF NOT EXISTS "tenant_acme";

-- tenant_schema (tenant globex)
CREATE SCHEMA IF NOT EXISTS "tenant_globex";

-- staging_schema.erp (tenant acme)
CREATE SCHEMA IF NOT EXISTS "acme_stg_erp";

-- staging_schema.erp (tenant globex)
CREATE SCHEMA IF NOT EXISTS "globex_stg_erp";

-- staging_view.erp.sales (tenant acme)
CREATE OR REPLACE VIEW "acme_stg_erp"."sales" WITH (security_invoker = true) AS
SELECT
    CAST("invoice"."id" AS bigint) AS "id",
    CAST("invoice"."gross_amount" AS numeric) AS "gross_amount",
    CAST("invoice"."material_type" AS text) AS "material_type",
    CAST("invoice"."invoice_day" AS text) AS "invoice_day",
    CAST((invoice.gross_amount > 5000::integer) AS boolean) AS "large",
    CAST(('premium'::text) AS text) AS "tier"
FROM "acme_raw_erp"."invoice" AS "invoice";

-- staging_view.erp.sales (tenant globex)
CREATE OR REPLACE VIEW "globex_stg_erp"."sales" WITH (security_invoker = true) AS
SELECT
    CAST("invoice"."id" AS bigint) AS "id",
    CAST("invoice"."gross_amount" AS numeric) AS "gross_amount",
    CAST("invoice"."material_type" AS text) AS "material_type",
    CAST("invoice"."invoice_day" AS text) AS "invoice_day",
    CAST((invoice.gross_amount > 10000::integer) AS boolean) AS "large",
    CAST(('standard'::text) AS text) AS "tier"
FROM "globex_raw_erp"."invoice" AS "invoice";

-- view.large_sales (tenant acme)
CREATE OR REPLACE VIEW "tenant_acme"."large_sales" WITH (security_invoker = true) AS
SELECT CAST("q"."id" AS bigint) AS "id", CAST("q"."gross_amount" AS numeric) AS "gross_amount", CAST("q"."region" AS text) AS "region"
FROM (
select id, gross_amount, 'eu'::text as region
from "acme_stg_erp"."sales"
where gross_amount > 5000::integer
  and material_type = any(ARRAY['ZFGD', 'it''s']::text[])
  and ('20230401'::text is null or invoice_day >= '20230401'::text)
) AS "q";

-- view.large_sales (tenant globex)
CREATE OR REPLACE VIEW "tenant_globex"."large_sales" WITH (security_invoker = true) AS
SELECT CAST("q"."id" AS bigint) AS "id", CAST("q"."gross_amount" AS numeric) AS "gross_amount", CAST("q"."region" AS text) AS "region"
FROM (
select id, gross_amount, NULL::text as region
from "globex_stg_erp"."sales"
where gross_amount > 10000::integer
  and material_type = any(ARRAY['ZFGD', 'ZSFG']::text[])
  and (NULL::text is null or invoice_day >= NULL::text)
) AS "q";

-- canonical_schema
CREATE SCHEMA IF NOT EXISTS "canonical";

-- canonical_view.large_sales
CREATE OR REPLACE VIEW "canonical"."large_sales" WITH (security_invoker = true) AS
SELECT "id", "gross_amount", "region", CAST('acme' AS text) AS "tenant_id" FROM "tenant_acme"."large_sales"
UNION ALL
SELECT "id", "gross_amount", "region", CAST('globex' AS text) AS "tenant_id" FROM "tenant_globex"."large_sales";
