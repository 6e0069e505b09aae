-- call.row_count@outreach
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT count(*) AS row_count FROM "{{tenant}}_stg_outreach"."call" AS t HAVING count(*) < 1
) AS f
ORDER BY 2
LIMIT $1

-- call.row_count@salesloft
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT count(*) AS row_count FROM "{{tenant}}_stg_salesloft"."call" AS t HAVING count(*) < 1
) AS f
ORDER BY 2
LIMIT $1

-- call.call_id.not_null@outreach
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT * FROM "{{tenant}}_stg_outreach"."call" AS t WHERE t."call_id" IS NULL
) AS f
ORDER BY 2
LIMIT $1

-- call.call_id.not_null@salesloft
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT * FROM "{{tenant}}_stg_salesloft"."call" AS t WHERE t."call_id" IS NULL
) AS f
ORDER BY 2
LIMIT $1

-- call.call_id.unique@outreach
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT t."call_id", count(*) AS occurrences FROM "{{tenant}}_stg_outreach"."call" AS t WHERE t."call_id" IS NOT NULL GROUP BY t."call_id" HAVING count(*) > 1
) AS f
ORDER BY 2
LIMIT $1

-- call.call_id.unique@salesloft
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT t."call_id", count(*) AS occurrences FROM "{{tenant}}_stg_salesloft"."call" AS t WHERE t."call_id" IS NOT NULL GROUP BY t."call_id" HAVING count(*) > 1
) AS f
ORDER BY 2
LIMIT $1

-- call.call_disposition_name.accepted_values@outreach
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT * FROM "{{tenant}}_stg_outreach"."call" AS t WHERE t."call_disposition_name" IS NOT NULL AND t."call_disposition_name" NOT IN ('connected'::text, 'no answer'::text, 'it''s busy'::text)
) AS f
ORDER BY 2
LIMIT $1

-- call.call_disposition_name.accepted_values@salesloft
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT * FROM "{{tenant}}_stg_salesloft"."call" AS t WHERE t."call_disposition_name" IS NOT NULL AND t."call_disposition_name" NOT IN ('connected'::text, 'no answer'::text, 'it''s busy'::text)
) AS f
ORDER BY 2
LIMIT $1

-- notes.region_id.not_null
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT * FROM (SELECT * FROM "shared"."notes" WHERE "tenant_id" = '{{tenant}}') AS t WHERE t."region_id" IS NULL
) AS f
ORDER BY 2
LIMIT $1

-- notes.region_id.relationships
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT * FROM (SELECT * FROM "shared"."notes" WHERE "tenant_id" = '{{tenant}}') AS t WHERE t."region_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM (SELECT * FROM "shared"."shared_regions" WHERE "tenant_id" = '{{tenant}}') AS r WHERE r."id" = t."region_id")
) AS f
ORDER BY 2
LIMIT $1

-- orders.unique
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT t."region_id", t."placed_on", count(*) AS occurrences FROM "tenant_{{tenant}}"."orders" AS t WHERE t."region_id" IS NOT NULL AND t."placed_on" IS NOT NULL GROUP BY t."region_id", t."placed_on" HAVING count(*) > 1
) AS f
ORDER BY 2
LIMIT $1

-- orders.expression
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT * FROM "tenant_{{tenant}}"."orders" AS t WHERE NOT (quantity * unit_price < 100000 or '{{tenant}}' = 'acme')
) AS f
ORDER BY 2
LIMIT $1

-- orders.row_count
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT count(*) AS row_count FROM "tenant_{{tenant}}"."orders" AS t HAVING count(*) < 0 OR count(*) > 1000000
) AS f
ORDER BY 2
LIMIT $1

-- orders.expression_2
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT * FROM "tenant_{{tenant}}"."orders" AS t WHERE NOT (unit_price >= 0)
) AS f
ORDER BY 2
LIMIT $1

-- orders.region_id.relationships
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT * FROM "tenant_{{tenant}}"."orders" AS t WHERE t."region_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "tenant_{{tenant}}"."regions" AS r WHERE r."region_id" = t."region_id")
) AS f
ORDER BY 2
LIMIT $1

-- orders.quantity.expression
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT * FROM "tenant_{{tenant}}"."orders" AS t WHERE NOT (quantity > 0)
) AS f
ORDER BY 2
LIMIT $1

-- orders.placed_on.expression
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT * FROM "tenant_{{tenant}}"."orders" AS t WHERE NOT (placed_on >= date '2020-01-01')
) AS f
ORDER BY 2
LIMIT $1

-- call.canonical_tenants@outreach
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT '"{{tenant}}_stg_outreach"."call"' AS object, 'is not read by the canonical view "canonical"."call"' AS problem WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend AS d JOIN pg_catalog.pg_rewrite AS w ON w.oid = d.objid WHERE d.classid = 'pg_catalog.pg_rewrite'::regclass AND w.ev_class = to_regclass('"canonical"."call"') AND d.refobjid = to_regclass('"{{tenant}}_stg_outreach"."call"'))
) AS f
ORDER BY 2
LIMIT $1

-- call.canonical_tenants@salesloft
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT '"{{tenant}}_stg_salesloft"."call"' AS object, 'is not read by the canonical view "canonical"."call"' AS problem WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend AS d JOIN pg_catalog.pg_rewrite AS w ON w.oid = d.objid WHERE d.classid = 'pg_catalog.pg_rewrite'::regclass AND w.ev_class = to_regclass('"canonical"."call"') AND d.refobjid = to_regclass('"{{tenant}}_stg_salesloft"."call"'))
) AS f
ORDER BY 2
LIMIT $1

-- regions.canonical_tenants
SELECT count(*) OVER () AS failing, row_to_json(f)::text AS sample
FROM (
SELECT '"tenant_{{tenant}}"."regions"' AS object, 'has rows, and the canonical table "canonical"."regions" none of the tenant''s' AS problem WHERE EXISTS (SELECT 1 FROM "tenant_{{tenant}}"."regions") AND NOT EXISTS (SELECT 1 FROM "canonical"."regions" WHERE "tenant_id" = '{{tenant}}')
) AS f
ORDER BY 2
LIMIT $1

