# dasi: make test (what CI runs), make bench, make build.
GO ?= go
export GOFLAGS ?= -buildvcs=false

.PHONY: test deps vet bench build docker clean

## test: install what a fresh machine lacks, then vet and run every test with the race detector.
test: deps vet
	$(GO) test -race -count=1 -timeout 12m ./...

## deps: install redis-server from the distribution's packages when it is missing.
deps:
	@bash scripts/install-deps.sh

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

## bench: the benchmarks named in the issues (matching, import); not part of test.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 1 -timeout 30m ./...

## build: a static binary in ./bin/dasi.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags='-s -w' -o bin/dasi ./cmd/dasi

docker:
	docker build -t dasi .

clean:
	rm -rf bin
