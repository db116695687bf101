-- The CI filter language (过滤表达式) and scope checks: indexes for what they ask, and
-- casts that never fail on a value stored before a model changed type.

-- name ~ "sh-pd*" is lower(name) LIKE 'sh-pd%'
CREATE INDEX ci_lower_name_idx ON cmdb.ci (lower(name) text_pattern_ops);
-- updated > now-7d
CREATE INDEX ci_updated_idx ON cmdb.ci (updated_at);
-- deployed_in and the ownership steps of scope checks walk relations by type
CREATE INDEX relation_type_source_idx ON cmdb.relation (type_code, source_id);

CREATE FUNCTION cmdb.try_inet(value TEXT) RETURNS INET
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
$$
BEGIN
  RETURN value::inet;
EXCEPTION
  WHEN others THEN RETURN NULL;
END;
$$;

CREATE FUNCTION cmdb.try_timestamptz(value TEXT) RETURNS TIMESTAMPTZ
  LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
BEGIN
  RETURN value::timestamptz;
EXCEPTION
  WHEN others THEN RETURN NULL;
END;
$$;
