-- 007: the pause a 429 from Telegram imposes on every broadcast (the
-- bot-wide budget is spent), kept so that a worker started during the
-- pause waits for its end too. At most one row.
CREATE TABLE broadcast_pause (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    until_ms INTEGER NOT NULL -- unix milliseconds: no broadcast message is sent before
) STRICT;
