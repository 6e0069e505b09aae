\echo '== org_javi_2_e0eynhkr_stg_outreach.call  (Javi''s org, Outreach: disposition name comes through the join)'
SELECT * FROM org_javi_2_e0eynhkr_stg_outreach.call ORDER BY call_id;
\echo '== org_pablo_s_workspace_r0trlpgs_stg_salesloft.call  (Pablo''s workspace, Salesloft)'
SELECT * FROM org_pablo_s_workspace_r0trlpgs_stg_salesloft.call ORDER BY call_id;
\echo '== org_acme_k3x9_stg_outreach.call  (Acme, Outreach)'
SELECT * FROM org_acme_k3x9_stg_outreach.call ORDER BY call_id;
\echo '== canonical.call  (every enabled tenant, UNION ALL, with tenant_id)'
SELECT * FROM canonical.call ORDER BY tenant_id, call_id;
