CREATE OR REPLACE VIEW "tenant_{{tenant}}"."order_count" WITH (security_invoker = true) AS
SELECT CAST("q"."orders" AS bigint) AS "orders"
FROM (
select count(*) as orders from "tenant_{{tenant}}"."orders"
) AS "q";
