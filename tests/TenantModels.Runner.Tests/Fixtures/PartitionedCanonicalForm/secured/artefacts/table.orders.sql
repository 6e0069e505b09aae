CREATE TABLE IF NOT EXISTS "tenant_{{tenant}}"."orders" (
    "id" integer NOT NULL,
    "total" numeric,
    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);
