package data

import "errors"

// The sentinel errors of the stores, compared with errors.Is.
var (
	// ErrNoSession is returned by the session stores' Load when a resident
	// has no session: a new resident, one who asked to be forgotten, or one
	// silent for longer than the session TTL.
	ErrNoSession = errors.New("data: no session")

	// ErrNoResident is returned for a resident the store keeps nothing
	// about.
	ErrNoResident = errors.New("no stored resident for this chat")

	// ErrNoConsent is returned when a profile would be stored for a
	// resident who has not given (or has withdrawn) the required consent.
	ErrNoConsent = errors.New("the required consent was not given")

	// ErrNoBroadcast is returned for a broadcast id the store does not hold.
	ErrNoBroadcast = errors.New("no such broadcast")

	// ErrLeaseLost is returned by a lease's Renew when another holder has
	// taken it: another instance serves the same bot token.
	ErrLeaseLost = errors.New("lease taken by another holder")
)
