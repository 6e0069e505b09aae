CREATE SCHEMA IF NOT EXISTS "{{tenant}}_stg_outreach";
