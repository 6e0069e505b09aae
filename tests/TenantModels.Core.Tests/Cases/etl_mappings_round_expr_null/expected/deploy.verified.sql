-- TenantModels deploy script for etl_mappings_round_expr_null 1.0.0
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- staging_schema.erp (tenant tenant1)
CREATE SCHEMA IF NOT EXISTS "tenant1_stg_erp";

-- staging_schema.erp (tenant tenant2)
CREATE SCHEMA IF NOT EXISTS "tenant2_stg_erp";

-- staging_view.erp.sales_line (tenant tenant1)
CREATE OR REPLACE VIEW "tenant1_stg_erp"."sales_line" WITH (security_invoker = true) AS
SELECT
    CAST("invoice_lines"."materialcode" AS text) AS "material_code",
    CAST("invoice_lines"."qty" AS integer) AS "quantity",
    CAST(round(CAST("invoice_lines"."unit_price" AS numeric), 2) AS numeric(12,2)) AS "unit_price",
    CAST(round(CAST((invoice_lines.unit_price * cast(invoice_lines.qty as numeric) * (1 - coalesce(invoice_lines.discount_pct, 0) / 100)) AS numeric), 2) AS numeric(14,2)) AS "net_amount",
    CAST("invoice_lines"."invoice_date" AS date) AS "invoice_date",
    CAST((upper(invoice_lines.territory)) AS text) AS "territory_code",
    CAST(NULL AS text) AS "channel"
FROM "tenant1_raw_erp"."invoice_lines" AS "invoice_lines";

-- staging_view.erp.sales_line (tenant tenant2)
CREATE OR REPLACE VIEW "tenant2_stg_erp"."sales_line" WITH (security_invoker = true) AS
SELECT
    CAST("invoice_lines"."materialcode" AS text) AS "material_code",
    CAST("invoice_lines"."qty" AS integer) AS "quantity",
    CAST(round(CAST("invoice_lines"."unit_price" AS numeric), 2) AS numeric(12,2)) AS "unit_price",
    CAST(round(CAST((invoice_lines.unit_price * cast(invoice_lines.qty as numeric) * (1 - coalesce(invoice_lines.discount_pct, 0) / 100)) AS numeric), 2) AS numeric(14,2)) AS "net_amount",
    CAST("invoice_lines"."invoice_date" AS date) AS "invoice_date",
    CAST((upper(invoice_lines.territory)) AS text) AS "territory_code",
    CAST(NULL AS text) AS "channel"
FROM "tenant2_raw_erp"."invoice_lines" AS "invoice_lines";

-- canonical_schema
CREATE SCHEMA IF NOT EXISTS "canonical";

-- canonical_view.sales_line
CREATE OR REPLACE VIEW "canonical"."sales_line" WITH (security_invoker = true) AS
SELECT "material_code", "quantity", "unit_price", "net_amount", "invoice_date", "territory_code", "channel", CAST('tenant1' AS text) AS "tenant_id" FROM "tenant1_stg_erp"."sales_line"
UNION ALL
SELECT "material_code", "quantity", "unit_price", "net_amount", "invoice_date", "territory_code", "channel", CAST('tenant2' AS text) AS "tenant_id" FROM "tenant2_stg_erp"."sales_line";
