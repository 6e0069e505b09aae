--@ header
CREATE TABLE IF NOT EXISTS "canonical"."order_count${{tenant}}" PARTITION OF "canonical"."order_count" FOR VALUES IN ('{{tenant}}');
ALTER TABLE "canonical"."order_count${{tenant}}" OWNER TO "scmg_owner";
REVOKE ALL ON TABLE "canonical"."order_count${{tenant}}" FROM PUBLIC, "scmg_reader", "scmg_admin", "scmg_app";
DELETE FROM "canonical"."order_count${{tenant}}";
INSERT INTO "canonical"."order_count${{tenant}}" ("orders", "tenant_id")
--@ branch *
SELECT "orders", CAST('{{tenant}}' AS text) AS "tenant_id" FROM "tenant_{{tenant}}"."order_count"
--@ empty
SELECT CAST(NULL AS bigint) AS "orders", CAST(NULL AS text) AS "tenant_id" WHERE false
