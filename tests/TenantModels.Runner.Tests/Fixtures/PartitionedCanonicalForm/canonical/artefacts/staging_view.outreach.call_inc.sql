CREATE OR REPLACE VIEW "{{tenant}}_stg_outreach"."call_inc" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."relationship_user_id" AS text) AS "user_id"
FROM "{{tenant}}_raw_outreach"."call" AS "call";
