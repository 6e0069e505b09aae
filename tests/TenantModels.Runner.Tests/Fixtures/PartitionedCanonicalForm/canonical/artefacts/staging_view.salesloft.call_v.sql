CREATE OR REPLACE VIEW "{{tenant}}_stg_salesloft"."call_v" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."user_id" AS text) AS "user_id",
    CAST("call"."disposition" AS text) AS "call_disposition_name"
FROM "{{tenant}}_raw_salesloft"."call" AS "call";
