-- Chats whose resident blocked the bot: a 403 "bot was blocked by the user"
-- (or "user is deactivated"), a 400 "chat not found", or a my_chat_member
-- update with status "kicked". Nothing is sent to them, broadcasts included,
-- until the resident comes back (/start, any message, or my_chat_member
-- "member"), which deletes the row. A row exists only while the chat is
-- blocked; Store.Forget deletes it with everything else keyed by chat_id.
CREATE TABLE blocked_chats (
    chat_id    INTEGER PRIMARY KEY, -- Telegram private chat (= user) id
    blocked_at INTEGER NOT NULL     -- unix seconds
) STRICT;
