-- TenantModels deploy script for zero_tenants 1.0.0
-- Run on an empty database that has the raw source schemas: psql -v ON_ERROR_STOP=1 -1 -f deploy.sql

-- canonical_schema
CREATE SCHEMA IF NOT EXISTS "canonical";

-- canonical_view.call
CREATE OR REPLACE VIEW "canonical"."call" WITH (security_invoker = true) AS
SELECT CAST(NULL AS bigint) AS "call_id", CAST(NULL AS timestamp) AS "call_created_at", CAST(NULL AS text) AS "user_id", CAST(NULL AS text) AS "call_disposition_name", CAST(NULL AS text) AS "tenant_id" WHERE false;
