CREATE TABLE IF NOT EXISTS "canonical"."call" (
    "call_id" bigint,
    "call_created_at" timestamp,
    "user_id" text,
    "call_disposition_name" text,
    "tenant_id" text NOT NULL
) PARTITION BY LIST ("tenant_id");
