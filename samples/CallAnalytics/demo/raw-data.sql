-- What the connectors (Fivetran-style) land for each tenant: one raw schema per tenant and provider.
CREATE SCHEMA org_javi_2_e0eynhkr_raw_outreach;
CREATE TABLE org_javi_2_e0eynhkr_raw_outreach.call_disposition (id bigint PRIMARY KEY, name text);
CREATE TABLE org_javi_2_e0eynhkr_raw_outreach.call (
    id bigint PRIMARY KEY, created_at timestamp, relationship_user_id text, relationship_call_disposition_id bigint);
INSERT INTO org_javi_2_e0eynhkr_raw_outreach.call_disposition VALUES (1, 'Connected'), (2, 'Voicemail');
INSERT INTO org_javi_2_e0eynhkr_raw_outreach.call VALUES
    (101, '2025-03-01 09:15', 'javi', 1),
    (102, '2025-03-01 10:40', 'javi', 2),
    (103, '2025-03-02 16:05', 'marta', NULL);

CREATE SCHEMA org_pablo_s_workspace_r0trlpgs_raw_salesloft;
CREATE TABLE org_pablo_s_workspace_r0trlpgs_raw_salesloft.call (
    id bigint PRIMARY KEY, created_at text, user_id text, disposition text);
INSERT INTO org_pablo_s_workspace_r0trlpgs_raw_salesloft.call VALUES
    (7001, '2025-03-03T11:00:00', 'pablo', 'Meeting booked'),
    (7002, '2025-03-03T11:30:00', 'pablo', 'No answer');

CREATE SCHEMA org_acme_k3x9_raw_outreach;
CREATE TABLE org_acme_k3x9_raw_outreach.call_disposition (id bigint PRIMARY KEY, name text);
CREATE TABLE org_acme_k3x9_raw_outreach.call (
    id bigint PRIMARY KEY, created_at timestamp, relationship_user_id text, relationship_call_disposition_id bigint);
INSERT INTO org_acme_k3x9_raw_outreach.call_disposition VALUES (9, 'Wrong number');
INSERT INTO org_acme_k3x9_raw_outreach.call VALUES (1, '2025-03-04 08:00', 'wile', 9);
