# linkki's two entry points: `make demo` and `make test`. Both install what
# they need first (scripts/install-deps, the pinned ECharts script).

# DuckDB needs cgo; the Arrow interface needs the duckdb_arrow tag everywhere.
export CGO_ENABLED := 1
export GOFLAGS := -tags=duckdb_arrow

ECHARTS := reports/assets/echarts.min.js
FUZZTIME ?= 20s

.PHONY: demo test deps assets build vet fmt-check fuzz screenshot bench

demo: deps assets
	go run ./cmd/linkki demo

test: deps assets fmt-check vet
	go test -count=1 ./...
	$(MAKE) fuzz

deps:
	scripts/install-deps

assets: $(ECHARTS)

$(ECHARTS): package.json package-lock.json scripts/install-echarts
	scripts/install-echarts

build: assets
	go build -o linkki ./cmd/linkki

vet:
	go vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# Bounded fuzzing of the CSV/dialect layer (CI runs this through `make test`).
fuzz:
	go test -run='^$$' -fuzz='^FuzzReadRecords$$' -fuzztime=$(FUZZTIME) ./ingest/dialect/

# A PNG of the demo report for the README.
screenshot: build
	scripts/screenshot

# National-scale benchmark (not part of CI): see bench/README.md.
bench: build
	bench/run
