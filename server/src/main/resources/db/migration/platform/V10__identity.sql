-- Identity and access (H1, H2): local users, roles as permission sets, role assignments with an
-- optional scope, mutually exclusive roles, API tokens, TOTP recovery codes, departments and teams.
CREATE TABLE users
(
  id                   UUID PRIMARY KEY,
  username             TEXT NOT NULL,
  display_name         TEXT NOT NULL,
  email                TEXT,
  password_hash        TEXT NOT NULL,
  enabled              BOOLEAN NOT NULL DEFAULT TRUE,
  must_change_password BOOLEAN NOT NULL DEFAULT TRUE,
  failed_attempts      INT NOT NULL DEFAULT 0,
  locked_until         TIMESTAMP WITH TIME ZONE,
  totp_enabled         BOOLEAN NOT NULL DEFAULT FALSE,
  -- sealed by the vault (SealedValues, context platform.users.totp:<id>); re-sealed on key rotation
  totp_secret          TEXT,
  totp_pending_secret  TEXT,
  -- the last 30-second time step a code was accepted for: a code is never accepted twice
  totp_last_step       BIGINT,
  last_login_at        TIMESTAMP WITH TIME ZONE,
  created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX users_username_idx ON users (lower(username));

CREATE TABLE totp_recovery_code
(
  user_id   UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at   TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE role
(
  id            UUID PRIMARY KEY,
  name          TEXT NOT NULL,
  description   TEXT,
  built_in      BOOLEAN NOT NULL DEFAULT FALSE,
  requires_totp BOOLEAN NOT NULL DEFAULT FALSE,
  permissions   TEXT[] NOT NULL DEFAULT '{}',
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX role_name_idx ON role (lower(name));

CREATE TABLE role_assignment
(
  id              UUID PRIMARY KEY,
  user_id         UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_id         UUID NOT NULL REFERENCES role (id) ON DELETE CASCADE,
  business_system TEXT,
  environment     TEXT,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by      TEXT
);
CREATE INDEX role_assignment_user_idx ON role_assignment (user_id);
CREATE UNIQUE INDEX role_assignment_unique_idx
  ON role_assignment (user_id, role_id, coalesce(business_system, ''), coalesce(environment, ''));

-- 职责分离 separation of duties: nobody holds both roles of a pair
CREATE TABLE role_exclusion
(
  id         UUID PRIMARY KEY,
  role_a     UUID NOT NULL REFERENCES role (id) ON DELETE CASCADE,
  role_b     UUID NOT NULL REFERENCES role (id) ON DELETE CASCADE,
  reason     TEXT,
  built_in   BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CHECK (role_a <> role_b)
);
CREATE UNIQUE INDEX role_exclusion_pair_idx ON role_exclusion (least(role_a, role_b), greatest(role_a, role_b));

CREATE TABLE api_token
(
  id           UUID PRIMARY KEY,
  user_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  -- SHA-256 of the token, hex: the token itself is shown once and never stored
  token_hash   TEXT NOT NULL UNIQUE,
  permissions  TEXT[] NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  last_used_at TIMESTAMP WITH TIME ZONE,
  revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_token_user_idx ON api_token (user_id);

CREATE TABLE department
(
  id          UUID PRIMARY KEY,
  name        TEXT NOT NULL,
  parent_id   UUID REFERENCES department (id),
  description TEXT,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE team
(
  id            UUID PRIMARY KEY,
  name          TEXT NOT NULL,
  department_id UUID NOT NULL REFERENCES department (id),
  description   TEXT,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE team_member
(
  team_id UUID NOT NULL REFERENCES team (id) ON DELETE CASCADE,
  user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, user_id)
);
