-- Generated from topology.json by `pnpm topology`; do not edit.
-- Runs once, on an empty volume: one database per service (DESIGN.md "Data"). A service added to
-- an installation that already has its volume needs its CREATE DATABASE run by hand.
CREATE DATABASE mosaic_admin OWNER mosaic;
CREATE DATABASE mosaic_sales OWNER mosaic;
CREATE DATABASE mosaic_orders OWNER mosaic;
CREATE DATABASE mosaic_tickets OWNER mosaic;
CREATE DATABASE mosaic_finance OWNER mosaic;
