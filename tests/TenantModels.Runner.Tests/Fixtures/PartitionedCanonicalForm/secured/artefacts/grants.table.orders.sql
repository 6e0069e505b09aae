ALTER TABLE "tenant_{{tenant}}"."orders" OWNER TO "scmg_owner";
REVOKE ALL ON TABLE "tenant_{{tenant}}"."orders" FROM PUBLIC, "scmg_{{tenant}}_reader", "scmg_admin", "scmg_app";
GRANT SELECT ON TABLE "tenant_{{tenant}}"."orders" TO "scmg_{{tenant}}_reader";
GRANT SELECT ON TABLE "tenant_{{tenant}}"."orders" TO "scmg_admin";
