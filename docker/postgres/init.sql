-- Runs once, on an empty volume. One database per service (DESIGN.md "Data");
-- add a line as each service lands: mosaic_sales, mosaic_orders, mosaic_tickets, mosaic_finance.
CREATE DATABASE mosaic_admin OWNER mosaic;
CREATE DATABASE mosaic_sales OWNER mosaic;
