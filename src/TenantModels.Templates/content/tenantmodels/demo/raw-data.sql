-- What a CRM connector would have landed for the two tenants of tenants.yaml: one raw schema per tenant.
-- Load it into an empty database before the first `tenantmodels apply`; a real connector replaces it.
CREATE SCHEMA IF NOT EXISTS northwind_raw_crm;
CREATE TABLE IF NOT EXISTS northwind_raw_crm.contact (id bigint PRIMARY KEY, full_name text, email text, created_at timestamp);
INSERT INTO northwind_raw_crm.contact VALUES
    (1, 'Nancy Davolio', 'Nancy.Davolio@northwind.example', '2025-01-06 09:00'),
    (2, 'Andrew Fuller', 'Andrew.Fuller@northwind.example', '2025-01-07 14:30')
ON CONFLICT (id) DO NOTHING;

CREATE SCHEMA IF NOT EXISTS contoso_raw_crm;
CREATE TABLE IF NOT EXISTS contoso_raw_crm.contact (id bigint PRIMARY KEY, full_name text, email text, created_at timestamp);
INSERT INTO contoso_raw_crm.contact VALUES
    (1, 'Kim Abercrombie', 'Kim@contoso.example', '2025-02-03 11:15')
ON CONFLICT (id) DO NOTHING;
