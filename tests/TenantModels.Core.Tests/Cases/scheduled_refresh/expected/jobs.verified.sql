-- tenantmodels:analytics:acme:call [0,15,30,45 * * * *]
SET LOCAL statement_timeout = '90s';
DO $tenantmodels_job$
BEGIN
  IF NOT EXISTS (SELECT FROM unnest(ARRAY['06:00', '18:00']::time[]) AS t(at) WHERE (floor(extract(epoch FROM (now() AT TIME ZONE 'Europe/Berlin')::time - t.at) / 60)::int + 1440) % 1440 < 15) THEN
    RETURN;
  END IF;
DELETE FROM "canonical"."call" WHERE "tenant_id" = 'acme';
INSERT INTO "canonical"."call" ("call_id", "call_created_at", "user_id", "tenant_id")
SELECT "call_id", "call_created_at", "user_id", CAST('acme' AS text) AS "tenant_id" FROM "acme_stg_outreach"."call";
INSERT INTO tenantmodels.refresh (tenant_id, refreshed_at) VALUES ('acme', now()) ON CONFLICT (tenant_id) DO UPDATE SET refreshed_at = excluded.refreshed_at;
END
$tenantmodels_job$;

-- tenantmodels:analytics:acme:daily_calls [30 5 * * 1-5]
SET LOCAL statement_timeout = '90s';
DO $tenantmodels_job$
BEGIN
REFRESH MATERIALIZED VIEW "tenant_acme"."daily_calls" WITH DATA;
INSERT INTO tenantmodels.refresh (tenant_id, refreshed_at) VALUES ('acme', now()) ON CONFLICT (tenant_id) DO UPDATE SET refreshed_at = excluded.refreshed_at;
END
$tenantmodels_job$;

-- tenantmodels:analytics:acme:outreach_calls [10,25,40,55 * * * *]
SET LOCAL statement_timeout = '90s';
DO $tenantmodels_job$
BEGIN
  IF NOT EXISTS (SELECT FROM unnest(ARRAY['07:10']::time[]) AS t(at) WHERE (floor(extract(epoch FROM (now() AT TIME ZONE 'Europe/Berlin')::time - t.at) / 60)::int + 1440) % 1440 < 15) THEN
    RETURN;
  END IF;
REFRESH MATERIALIZED VIEW "acme_stg_outreach"."outreach_calls" WITH DATA;
INSERT INTO tenantmodels.refresh (tenant_id, refreshed_at) VALUES ('acme', now()) ON CONFLICT (tenant_id) DO UPDATE SET refreshed_at = excluded.refreshed_at;
END
$tenantmodels_job$;

-- tenantmodels:analytics:globex:call [0,15,30,45 * * * *]
SET LOCAL statement_timeout = '600s';
DO $tenantmodels_job$
BEGIN
  IF NOT EXISTS (SELECT FROM unnest(ARRAY['06:00', '18:00']::time[]) AS t(at) WHERE (floor(extract(epoch FROM (now() AT TIME ZONE 'Asia/Kathmandu')::time - t.at) / 60)::int + 1440) % 1440 < 15) THEN
    RETURN;
  END IF;
DELETE FROM "canonical"."call" WHERE "tenant_id" = 'globex';
INSERT INTO "canonical"."call" ("call_id", "call_created_at", "user_id", "tenant_id")
SELECT "call_id", "call_created_at", "user_id", CAST('globex' AS text) AS "tenant_id" FROM "globex_stg_outreach"."call"
UNION ALL
SELECT "call_id", "call_created_at", "user_id", CAST('globex' AS text) AS "tenant_id" FROM "globex_stg_salesloft"."call";
INSERT INTO tenantmodels.refresh (tenant_id, refreshed_at) VALUES ('globex', now()) ON CONFLICT (tenant_id) DO UPDATE SET refreshed_at = excluded.refreshed_at;
END
$tenantmodels_job$;

-- tenantmodels:analytics:globex:daily_calls [30 5 * * 1-5]
SET LOCAL statement_timeout = '600s';
DO $tenantmodels_job$
BEGIN
REFRESH MATERIALIZED VIEW "tenant_globex"."daily_calls" WITH DATA;
INSERT INTO tenantmodels.refresh (tenant_id, refreshed_at) VALUES ('globex', now()) ON CONFLICT (tenant_id) DO UPDATE SET refreshed_at = excluded.refreshed_at;
END
$tenantmodels_job$;

-- tenantmodels:analytics:globex:outreach_calls [10,25,40,55 * * * *]
SET LOCAL statement_timeout = '600s';
DO $tenantmodels_job$
BEGIN
  IF NOT EXISTS (SELECT FROM unnest(ARRAY['07:10']::time[]) AS t(at) WHERE (floor(extract(epoch FROM (now() AT TIME ZONE 'Asia/Kathmandu')::time - t.at) / 60)::int + 1440) % 1440 < 15) THEN
    RETURN;
  END IF;
REFRESH MATERIALIZED VIEW "globex_stg_outreach"."outreach_calls" WITH DATA;
INSERT INTO tenantmodels.refresh (tenant_id, refreshed_at) VALUES ('globex', now()) ON CONFLICT (tenant_id) DO UPDATE SET refreshed_at = excluded.refreshed_at;
END
$tenantmodels_job$;

-- tenantmodels:analytics:initech:call [0,15,30,45 * * * *]
SET LOCAL statement_timeout = '600s';
DO $tenantmodels_job$
BEGIN
  IF NOT EXISTS (SELECT FROM unnest(ARRAY['06:00', '18:00']::time[]) AS t(at) WHERE (floor(extract(epoch FROM (now() AT TIME ZONE 'UTC')::time - t.at) / 60)::int + 1440) % 1440 < 15) THEN
    RETURN;
  END IF;
DELETE FROM "canonical"."call" WHERE "tenant_id" = 'initech';
INSERT INTO "canonical"."call" ("call_id", "call_created_at", "user_id", "tenant_id")
SELECT "call_id", "call_created_at", "user_id", CAST('initech' AS text) AS "tenant_id" FROM "initech_stg_salesloft"."call";
INSERT INTO tenantmodels.refresh (tenant_id, refreshed_at) VALUES ('initech', now()) ON CONFLICT (tenant_id) DO UPDATE SET refreshed_at = excluded.refreshed_at;
END
$tenantmodels_job$;

