CREATE TABLE IF NOT EXISTS "shared"."screens" (
    "tenant_id" text NOT NULL,
    "id" integer NOT NULL,
    "white_label_id" integer NOT NULL,
    CONSTRAINT "screens_pkey" PRIMARY KEY ("tenant_id", "id")
);
