-- The secrets vault (platform/vault). Envelope encryption: each secret value is sealed with
-- AES-256-GCM under a data-encryption key (DEK); DEKs are stored here wrapped by the master key,
-- which never enters the database.

-- One row: the key-check value (HMAC-SHA256 of a constant under the master key) that tells at
-- start whether the configured master key is the one that wrapped the DEKs below.
CREATE TABLE platform.vault_master_key
(
  id         INT PRIMARY KEY CHECK (id = 1),
  key_check  BYTEA NOT NULL,
  changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- DEK versions. wrapped_key = nonce || AES-GCM(master key, DEK), associated data
-- "tianshu.vault.dek:<version>"; NULL once the version is destroyed by a rotation.
CREATE TABLE platform.vault_key
(
  version      INT PRIMARY KEY,
  wrapped_key  BYTEA,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  destroyed_at TIMESTAMP WITH TIME ZONE
);

-- ciphertext = nonce || AES-GCM(DEK of key_version, value), associated data
-- "tianshu.secret:<id>:<key_version>": a ciphertext copied to another row does not decrypt.
CREATE TABLE platform.secret
(
  id          UUID PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL,
  description TEXT,
  key_version INT NOT NULL REFERENCES platform.vault_key (version),
  ciphertext  BYTEA NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
