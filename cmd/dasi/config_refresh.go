package main

import (
	"net/url"
	"strings"
	"time"
)

// refreshConfig is the configuration of the live catalog: the sources
// dasi serve reads by itself, and how often.
type refreshConfig struct {
	Every        time.Duration // DASI_REFRESH_EVERY
	Work24Key    secret
	Work24URL    string // empty: the real 고용24 API
	FiftyPlusKey secret
	FiftyPlusURL string // empty: the real 50플러스 Open API
}

// loadRefreshConfig reads DASI_REFRESH_EVERY, WORK24_API_KEY,
// WORK24_API_URL, FIFTYPLUS_API_KEY and FIFTYPLUS_API_URL, reporting each
// problem through bad.
func loadRefreshConfig(get func(string) string, bad func(name, format string, args ...any)) refreshConfig {
	c := refreshConfig{Every: 6 * time.Hour}
	if v := get("DASI_REFRESH_EVERY"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Minute || d > 7*24*time.Hour {
			bad("DASI_REFRESH_EVERY", "%q: want a duration from 1m to 168h, such as 6h", v)
		} else {
			c.Every = d
		}
	}
	c.Work24Key = secret(get("WORK24_API_KEY"))
	c.FiftyPlusKey = secret(get("FIFTYPLUS_API_KEY"))
	for _, u := range []struct {
		name string
		dst  *string
	}{{"WORK24_API_URL", &c.Work24URL}, {"FIFTYPLUS_API_URL", &c.FiftyPlusURL}} {
		v := get(u.name)
		if v == "" {
			continue
		}
		if p, err := url.Parse(v); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			bad(u.name, "want an http:// or https:// URL")
		} else {
			*u.dst = strings.TrimRight(v, "/")
		}
	}
	return c
}
