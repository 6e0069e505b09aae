CREATE OR REPLACE VIEW "{{tenant}}_stg_outreach"."call" WITH (security_invoker = true) AS
SELECT
    CAST("call"."id" AS bigint) AS "call_id",
    CAST("call"."created_at" AS timestamp) AS "call_created_at",
    CAST("call"."relationship_user_id" AS text) AS "user_id",
    CAST("call_disposition"."name" AS text) AS "call_disposition_name"
FROM "{{tenant}}_raw_outreach"."call" AS "call"
LEFT JOIN "{{tenant}}_raw_outreach"."call_disposition" AS "call_disposition" ON call_disposition.id = call.relationship_call_disposition_id;
