ALTER VIEW "tenant_{{tenant}}"."order_count" OWNER TO "scmg_owner";
REVOKE ALL ON TABLE "tenant_{{tenant}}"."order_count" FROM PUBLIC, "scmg_{{tenant}}_reader", "scmg_admin", "scmg_app";
GRANT SELECT ON TABLE "tenant_{{tenant}}"."order_count" TO "scmg_{{tenant}}_reader";
GRANT SELECT ON TABLE "tenant_{{tenant}}"."order_count" TO "scmg_admin";
