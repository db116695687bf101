-- Calendars: business hours (工作日历), holiday sets (节假日) and trading calendars (交易日历).
CREATE TABLE platform.calendar
(
  id                  UUID PRIMARY KEY,
  code                TEXT NOT NULL UNIQUE,
  name                TEXT NOT NULL,
  kind                TEXT NOT NULL CHECK (kind IN ('BUSINESS_HOURS', 'HOLIDAYS', 'TRADING')),
  time_zone           TEXT NOT NULL,
  built_in            BOOLEAN NOT NULL DEFAULT FALSE,
  source              TEXT,
  -- the holiday set this calendar takes holidays and make-up workdays from; its own days win
  holiday_calendar_id UUID REFERENCES platform.calendar (id),
  -- {"MONDAY": ["09:00-12:00", "13:00-18:00"], ...}; ignored for TRADING (sessions apply)
  weekly_hours        JSONB NOT NULL DEFAULT '{}',
  -- [{"name": "call-auction", "start": "09:15", "end": "09:25"}, ...]
  sessions            JSONB NOT NULL DEFAULT '[]',
  created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE platform.calendar_day
(
  calendar_id UUID NOT NULL REFERENCES platform.calendar (id) ON DELETE CASCADE,
  day         DATE NOT NULL,
  type        TEXT NOT NULL CHECK (type IN ('HOLIDAY', 'WORKDAY', 'CLOSURE')),
  name        TEXT,
  -- BUILT_IN rows are refreshed at every start; IMPORT rows are the operators' and are kept
  origin      TEXT NOT NULL CHECK (origin IN ('BUILT_IN', 'IMPORT')),
  PRIMARY KEY (calendar_id, day)
);
