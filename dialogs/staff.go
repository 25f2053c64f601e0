package dialogs

// staff is the resident machine's room for staff commands (/broadcast,
// /broadcasts, /stats) from a sender marked as staff (Input.Staff). A
// channel routes those commands, and the staff conversation's buttons, to
// the staff machine (Staff, staff_machine.go) before the resident's
// conversation sees them (IsStaffInput), so they do not reach here; a
// channel that does not serve staff leaves them to this hook, which answers
// them like any unknown command.
func (t *turn) staff(name string) bool { return false }
