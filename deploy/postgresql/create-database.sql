-- Role and database for Tianshu on an external PostgreSQL 15+. Run as a superuser:
--   psql -U postgres -v password="'a-long-random-password'" -f create-database.sql
-- (or replace :password below). Tianshu's Flyway then creates one schema per module
-- (platform, cmdb, ...) owned by this role, and all tables in them; no superuser rights needed.

CREATE ROLE tianshu WITH LOGIN PASSWORD :password NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;

CREATE DATABASE tianshu WITH OWNER tianshu ENCODING 'UTF8' TEMPLATE template0;

-- Only Tianshu connects; it creates its own schemas (CREATE on the database) and does not use public.
REVOKE ALL ON DATABASE tianshu FROM PUBLIC;
GRANT CONNECT, TEMPORARY, CREATE ON DATABASE tianshu TO tianshu;

\connect tianshu
REVOKE ALL ON SCHEMA public FROM PUBLIC;

-- Optional: a read-only role for reports or a backup user, after Tianshu's first start created the schemas:
--   CREATE ROLE tianshu_read WITH LOGIN PASSWORD '...';
--   GRANT CONNECT ON DATABASE tianshu TO tianshu_read;
--   GRANT USAGE ON SCHEMA platform, cmdb TO tianshu_read;
--   GRANT SELECT ON ALL TABLES IN SCHEMA platform, cmdb TO tianshu_read;
--   ALTER DEFAULT PRIVILEGES FOR ROLE tianshu IN SCHEMA platform, cmdb GRANT SELECT ON TABLES TO tianshu_read;
