--@ header
DELETE FROM "canonical"."order_count${{tenant}}";
INSERT INTO "canonical"."order_count${{tenant}}" ("orders", "tenant_id")
--@ branch *
SELECT "orders", CAST('{{tenant}}' AS text) AS "tenant_id" FROM "tenant_{{tenant}}"."order_count"
--@ empty
SELECT CAST(NULL AS bigint) AS "orders", CAST(NULL AS text) AS "tenant_id" WHERE false
