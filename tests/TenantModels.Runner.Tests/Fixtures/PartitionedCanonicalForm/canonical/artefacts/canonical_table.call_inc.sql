CREATE TABLE IF NOT EXISTS "canonical"."call_inc" (
    "call_id" bigint,
    "user_id" text,
    "tenant_id" text NOT NULL
) PARTITION BY LIST ("tenant_id");
