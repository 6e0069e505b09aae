CREATE TABLE IF NOT EXISTS "canonical"."order_count" (
    "orders" bigint,
    "tenant_id" text NOT NULL
) PARTITION BY LIST ("tenant_id");
