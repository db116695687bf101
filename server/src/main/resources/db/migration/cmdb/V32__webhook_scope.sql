-- The scope (数据权限) a subscription delivers within: a snapshot of the cmdb.ci.read scope of
-- whoever last saved it. NULL = everywhere (an unscoped saver, and every subscription saved
-- before scopes were recorded); otherwise a JSON array of areas
-- [{"businessSystem": "...", "environment": "..."}] (either part may be null; [] = nowhere).
ALTER TABLE cmdb.webhook ADD COLUMN scope JSONB;
