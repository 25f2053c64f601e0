package main

import (
	"context"
	"errors"
	"net/http"

	"github.com/dasi-seoul/dasi/data/imports"
	"github.com/dasi-seoul/dasi/data/sqlite"
)

// apiFlag is --from-api: bare, it means Seoul's GetJobInfo (as before
// there were other sources); --from-api=work24 or =50plus names another.
type apiFlag string

// String implements flag.Value.
func (f *apiFlag) String() string { return string(*f) }

// Set implements flag.Value: a bare --from-api is "true".
func (f *apiFlag) Set(v string) error {
	if v == "true" {
		v = "seoul"
	}
	if v == "false" {
		v = ""
	}
	*f = apiFlag(v)
	return nil
}

// IsBoolFlag lets --from-api stand without a value.
func (f *apiFlag) IsBoolFlag() bool { return true }

// apiKinds is what each source's API loads.
var apiKinds = map[string]imports.Kind{"seoul": imports.Jobs, "work24": imports.Jobs, "50plus": imports.Programs}

// apiNames names each source's API on dasi import's summary line.
var apiNames = map[string]string{
	"seoul":  "the Seoul Open API (GetJobInfo)",
	"work24": "the 고용24 job list API (Seoul)",
	"50plus": "the 50플러스 Open API (education/list, job1/list)",
}

// importFromAPI reads the whole listing of the source api and writes it
// into store. It returns an error naming the variable when the source's
// key is unset, or the fetcher's error.
func importFromAPI(ctx context.Context, cfg config, store *sqlite.Store, api string) (imports.Report, error) {
	client := &http.Client{Timeout: apiTimeout}
	opt := imports.APIOptions{Client: client}
	switch api {
	case "work24":
		if cfg.Refresh.Work24Key == "" {
			return imports.Report{}, errors.New("WORK24_API_KEY: required for --from-api=work24: apply for a key at work24.go.kr (고용24 Open API; see README)")
		}
		return imports.Work24API(ctx, store, cfg.Refresh.Work24URL, cfg.Refresh.Work24Key.reveal(), cfg.today(), opt)
	case "50plus":
		if cfg.Refresh.FiftyPlusKey == "" {
			return imports.Report{}, errors.New("FIFTYPLUS_API_KEY: required for --from-api=50plus: ask 서울시50플러스재단 for an Open API key (see README)")
		}
		return imports.FiftyPlusAPI(ctx, store, cfg.Refresh.FiftyPlusURL, cfg.Refresh.FiftyPlusKey.reveal(), cfg.today(), opt)
	}
	if cfg.SeoulAPIKey == "" {
		return imports.Report{}, errors.New("SEOUL_API_KEY: required for --from-api: get a key at data.seoul.go.kr")
	}
	return imports.GetJobInfoAPI(ctx, store, client, cfg.SeoulAPIURL, cfg.SeoulAPIKey.reveal(), cfg.today())
}
