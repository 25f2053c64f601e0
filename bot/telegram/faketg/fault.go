package faketg

import "time"

// A Fault scripts the server's next answers to some calls. A call matches
// when its method and chat match (empty Method or zero ChatID match any);
// the first matching fault answers and counts one of its Times.
type Fault struct {
	Method string
	ChatID int64
	// Times is how many matching calls the fault answers; 0 means once.
	Times int
	// Status is the error to answer: 429, 403, 400, 500, 502... Zero with
	// a Delay is a slow success; zero with Drop is a dropped connection.
	Status int
	// RetryAfter is the 429's parameters.retry_after, in seconds.
	RetryAfter int
	// Description overrides the usual description of Status.
	Description string
	// Delay is how long the server waits before answering.
	Delay time.Duration
	// Drop closes the connection without an answer: the client sees a
	// network error. Nothing is delivered.
	Drop bool
}

// Inject adds a fault. Faults answer before the method runs, so a faulted
// send delivers nothing, as Telegram's errors do.
func (s *Server) Inject(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// FaultsLeft returns how many injected faults have matches left.
func (s *Server) FaultsLeft() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.faults)
}

func (s *Server) takeFaultLocked(method string, chatID int64) *Fault {
	for i, f := range s.faults {
		if (f.Method == "" || f.Method == method) && (f.ChatID == 0 || f.ChatID == chatID) {
			f.Times--
			if f.Times == 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
			c := *f
			return &c
		}
	}
	if s.blocked[chatID] && chatID != 0 && method != "getUpdates" {
		return &Fault{Status: 403, Description: "Forbidden: bot was blocked by the user"}
	}
	return nil
}

func (f *Fault) apiError() apiError {
	e := apiError{Status: f.Status, Description: f.Description, RetryAfter: f.RetryAfter}
	if e.Description == "" {
		switch f.Status {
		case 429:
			e.Description = "Too Many Requests: retry after " + itoa(f.RetryAfter)
		case 403:
			e.Description = "Forbidden: bot was blocked by the user"
		case 400:
			e.Description = "Bad Request: chat not found"
		case 409:
			e.Description = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
		case 500:
			e.Description = "Internal Server Error"
		case 502:
			e.Description = "Bad Gateway"
		default:
			e.Description = "Error"
		}
	}
	return e
}
