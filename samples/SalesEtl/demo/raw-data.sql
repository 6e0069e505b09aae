-- Each tenant's loader output (raw, untyped) — tenant3 is disabled and gets nothing.
CREATE SCHEMA tenant1_raw_erp;
CREATE TABLE tenant1_raw_erp.dim_material (materialcode text, materialdesc text, materialtype text);
CREATE TABLE tenant1_raw_erp.fact_invoice_secondary (materialcode text, invoicedate text, qty text, unitprice text, discountpct text, wss_territory_code text);
INSERT INTO tenant1_raw_erp.dim_material VALUES ('M-100', 'Fevicol 1kg', 'ZFGD'), ('M-200', 'Dr. Fixit 5L', 'ZFGD'), ('M-900', 'Sample pack', 'ZSMP');
INSERT INTO tenant1_raw_erp.fact_invoice_secondary VALUES
  ('M-100', '2024-04-02', '10', '120.456', '5', ' mum01 '),
  ('M-100', '2024-04-03', '3', '120.456', '', 'MUM01'),
  ('M-200', '2024-04-03', '1', '999.999', '10', 'mum02'),
  ('M-900', '2024-04-04', '50', '0.10', NULL, 'mum01');

CREATE SCHEMA tenant2_raw_erp;
CREATE TABLE tenant2_raw_erp.dim_material (materialcode text, materialdesc text, materialtype text);
-- tenant2's export has its own layout (its overrides in tenants.yaml): invoice_qty for qty, dates as DD.MM.YYYY.
CREATE TABLE tenant2_raw_erp.fact_invoice_secondary (materialcode text, invoicedate text, invoice_qty text, unitprice text, discountpct text, wss_territory_code text);
INSERT INTO tenant2_raw_erp.dim_material VALUES ('M-100', 'Fevicol 1kg', 'ZFGD');
INSERT INTO tenant2_raw_erp.fact_invoice_secondary VALUES ('M-100', '01.05.2024', '7', '118', '0', 'del01');
