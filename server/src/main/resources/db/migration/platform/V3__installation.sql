-- One row, written on the first start of an empty database; its presence means "already initialised".
CREATE TABLE installation
(
  id           INT PRIMARY KEY CHECK (id = 1),
  installed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  demo_loaded  BOOLEAN NOT NULL
);
