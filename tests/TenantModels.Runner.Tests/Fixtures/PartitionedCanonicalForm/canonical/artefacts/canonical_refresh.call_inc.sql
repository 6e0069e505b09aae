--@ header
DELETE FROM "canonical"."call_inc${{tenant}}" WHERE "call_id" >= (SELECT max("call_id") FROM "canonical"."call_inc${{tenant}}") OR (SELECT max("call_id") FROM "canonical"."call_inc${{tenant}}") IS NULL;
INSERT INTO "canonical"."call_inc${{tenant}}" ("call_id", "user_id", "tenant_id")
--@ branch outreach
SELECT "call_id", "user_id", CAST('{{tenant}}' AS text) AS "tenant_id" FROM "{{tenant}}_stg_outreach"."call_inc" WHERE (SELECT max("call_id") FROM "canonical"."call_inc${{tenant}}") IS NULL OR "call_id" > (SELECT max("call_id") FROM "canonical"."call_inc${{tenant}}")
--@ empty
SELECT CAST(NULL AS bigint) AS "call_id", CAST(NULL AS text) AS "user_id", CAST(NULL AS text) AS "tenant_id" WHERE false
