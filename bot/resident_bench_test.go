package bot

import (
	"context"
	"log/slog"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/dialogs"
)

// BenchmarkIntakeRecords measures what one resident's intake costs the
// answer path in SQLite, through Residents.Effect as the bot calls it: the
// required consent, the confirmed profile and the notices consent, each
// written before the resident is answered. One op is one new resident's
// three records.
//
//	go test -run '^$' -bench IntakeRecords -count 10 ./bot/
func BenchmarkIntakeRecords(b *testing.B) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "dasi.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	res := NewResidents(store, nil)
	profile := data.Profile{
		Age: data.Age50to54, Field: data.FieldFinance, Years: data.Years20Plus,
		Goals:    data.Goals(0).With(data.GoalJob).With(data.GoalDigital),
		District: data.DistrictByName("은평구"),
	}
	effects := []dialogs.Effect{
		{Kind: dialogs.EffectConsent, On: true},
		{Kind: dialogs.EffectProfile, Profile: profile},
		{Kind: dialogs.EffectNotices, On: true},
	}
	chat := int64(1_000_000)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		chat++
		t := &turn{Turn: Turn{Resident: data.ResidentID("telegram:" + strconv.FormatInt(chat, 10))}, log: slog.New(slog.DiscardHandler)}
		for _, e := range effects {
			if _, err := res.apply(ctx, t, e); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}

// cpuTime returns the CPU time the process has used, user and system, in
// nanoseconds: less swayed than the wall time by the other work of a
// shared machine.
func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}
