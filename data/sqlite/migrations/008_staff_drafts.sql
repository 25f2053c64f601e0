-- 008: the /broadcast a staff member is writing, so that a restart in the
-- middle loses nothing. One row per staff chat while a draft is open;
-- CreateBroadcast deletes it in the transaction that stores the broadcast,
-- and the retention job 30 days after its last change.
CREATE TABLE staff_drafts (
    chat_id    INTEGER PRIMARY KEY, -- the staff member's private chat
    state      BLOB    NOT NULL,    -- dialogs.StaffState.MarshalBinary
    updated_at INTEGER NOT NULL     -- unix seconds
) STRICT;
