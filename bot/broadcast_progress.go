package bot

import (
	"context"
	"errors"
	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/dialogs"
)

// recentFinish is how long after its end a broadcast's progress message is
// still brought up to date by a worker that just started: the final edit
// may have been lost to the restart.
const recentFinish = 10 * time.Minute

// progress edits the progress message of each staff broadcast in its staff
// chat, every ProgressEvery while the broadcast runs and once more when it
// ends, until ctx is done. An edit is made only when the text changed.
func (w *worker) progress(ctx context.Context) {
	started := time.Now()
	shown := make(map[int64]string) // broadcast id -> the text last shown
	tick := time.NewTicker(w.opt.ProgressEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		bs, err := w.bc.store.Broadcasts(ctx, data.BroadcastStaff, 20)
		if err != nil {
			if ctx.Err() == nil {
				w.log.WarnContext(ctx, "cannot read broadcasts for their progress", "error", err)
			}
			continue
		}
		keep := make(map[int64]string, len(bs))
		for _, b := range bs {
			last, seen := shown[b.ID]
			switch {
			case b.ProgressMessage == 0 || b.Staff == "":
				continue
			case !seen && b.State != data.BroadcastRunning && b.FinishedAt.Before(started.Add(-recentFinish)):
				continue
			}
			rep := dialogs.StaffProgress(b)
			if rep.Text != last && w.edit(ctx, b.Staff, b.ProgressMessage, rep) {
				last = rep.Text
			}
			keep[b.ID] = last
		}
		shown = keep
	}
}

// edit replaces the text and buttons of a message the bot sent, and
// reports whether the message now shows them.
func (w *worker) edit(ctx context.Context, to data.ResidentID, messageID int, rep dialogs.Reply) bool {
	err := w.send.Edit(ctx, to, messageID, rep)
	switch {
	case err == nil:
		return true
	case ctx.Err() == nil && !errors.Is(err, ErrBlocked):
		w.log.WarnContext(ctx, "cannot show a broadcast's progress", "resident", to.String(), "error", err)
	}
	return false
}
