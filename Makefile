# parapost — build, test and measure.
GO      ?= go
BIN     := bin/parapost
OUT     ?= out/sample
SHARED  ?= ../shared/data
FUZZTIME ?= 1m

.PHONY: all build run test vet fuzz bench eval clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/parapost

# The main job on the sample embedded in the binary.
run: build
	$(BIN) build -o $(OUT)

test:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) test -count=1 ./...

# Every fuzz target for FUZZTIME each (go test runs one target at a time).
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; \
	    $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

# Throughput and memory figures (see README "Performance").
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count=1 ./...

# Accuracy on the shared data sets (pairs, beads, line files).
eval: build
	./scripts/eval.sh $(BIN) $(SHARED)

clean:
	rm -rf bin out
