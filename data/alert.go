package data

// AlertItemKind says whether an alert item is a program or a job opening.
type AlertItemKind string

// The kinds of catalog item personal alerts announce.
const (
	AlertProgram AlertItemKind = "program"
	AlertJob     AlertItemKind = "job"
)

// AlertItem names one catalog item for personal alerts.
type AlertItem struct {
	Kind AlertItemKind
	ID   string
}

// AlertRecipient is a resident due a look for news: their notices consent
// stands, they have a profile, they have not had a digest on the day, and
// items appeared after the last look (Since, a sequence number).
type AlertRecipient struct {
	Resident ResidentID
	Profile  Profile
	Since    int64
}

// AlertDigest is one resident's personal alert: the text of the message.
type AlertDigest struct {
	Resident ResidentID
	Text     string
}

// AlertItems lists the catalog's programs and jobs, for the store to note
// which are new (NoteAlertItems).
func (c *Catalog) AlertItems() []AlertItem {
	if c == nil {
		return nil
	}
	out := make([]AlertItem, 0, len(c.programs)+len(c.jobs))
	for i := range c.programs {
		out = append(out, AlertItem{Kind: AlertProgram, ID: c.programs[i].ID})
	}
	for i := range c.jobs {
		out = append(out, AlertItem{Kind: AlertJob, ID: c.jobs[i].ID})
	}
	return out
}

// Only returns a catalog holding c's places and those of its programs and
// jobs that items name: matching it finds only those, with distances to
// their places as in c.
func (c *Catalog) Only(items []AlertItem) *Catalog {
	if c == nil {
		return NewCatalog(nil, nil, nil)
	}
	want := make(map[AlertItem]bool, len(items))
	for _, it := range items {
		want[it] = true
	}
	var (
		progs []Program
		jobs  []Job
	)
	for i := range c.programs {
		if want[AlertItem{Kind: AlertProgram, ID: c.programs[i].ID}] {
			progs = append(progs, c.programs[i])
		}
	}
	for i := range c.jobs {
		if want[AlertItem{Kind: AlertJob, ID: c.jobs[i].ID}] {
			jobs = append(jobs, c.jobs[i])
		}
	}
	return NewCatalog(c.places, progs, jobs)
}
