# parapost — build, test and measure.
GO      ?= go
BIN     := bin/parapost
OUT     ?= out/sample
# The shared data sets with gold answers; the copies in testdata/ otherwise.
SHARED  ?= $(if $(wildcard ../shared/data),../shared/data,testdata)
EVAL    := out/eval
FUZZTIME ?= 1m

.PHONY: all build run test vet fuzz bench eval clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/parapost

# The main job on the sample embedded in the binary.
run: build
	$(BIN) build --sample -o $(OUT)

test:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) test -count=1 ./...

# Every fuzz target for FUZZTIME each (go test runs one target at a time).
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; \
	    $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 0 $$pkg || exit 1; \
	  done; \
	done

# Throughput and memory figures (see README "Performance").
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count=1 ./...

# Accuracy on the data sets with gold answers: pairs, sentence beads, and
# sentence-per-line files (set DICT=/usr/share/dictd/mueller7.index to add
# the dictionary).
eval: build
	@mkdir -p $(EVAL)/lines
	@echo "== mfa-sample: exports and saved page"
	@$(BIN) build $(if $(DICT),--dict $(DICT)) -o $(EVAL)/mfa $(SHARED)/mfa-sample/mid_russia.result.json \
	  $(SHARED)/mfa-sample/mid_russia.page.html $(SHARED)/mfa-sample/mfa_russia.result.json >/dev/null
	@$(BIN) eval pairs --gold $(SHARED)/mfa-sample/gold/pairs.tsv $(EVAL)/mfa
	@$(BIN) eval beads --gold $(SHARED)/mfa-sample/gold/beads.jsonl $(EVAL)/mfa
	@echo "== mfa-sample: dateless embassy page"
	@$(BIN) build -o $(EVAL)/embassy $(SHARED)/mfa-sample/mid_russia.result.json $(SHARED)/mfa-sample/embassy_usa.page.txt >/dev/null
	@$(BIN) eval pairs --gold $(SHARED)/mfa-sample/gold/embassy_pairs.tsv $(EVAL)/embassy
	@echo "== wmt23-ruen-dev"
	@$(BIN) build $(if $(DICT),--dict $(DICT)) -o $(EVAL)/wmt $(SHARED)/wmt23-ruen-dev/ru.result.json $(SHARED)/wmt23-ruen-dev/en.result.json >/dev/null
	@$(BIN) eval pairs --gold $(SHARED)/wmt23-ruen-dev/gold/pairs.tsv $(EVAL)/wmt
	@$(BIN) eval beads --gold $(SHARED)/wmt23-ruen-dev/gold/beads.jsonl $(EVAL)/wmt
	@echo "== wmt23-ruen-dev/lines (align --lines)"
	@for f in $(SHARED)/wmt23-ruen-dev/lines/*.ruen; do b=$${f%.ruen}; \
	  $(BIN) align --lines $(if $(DICT),--dict $(DICT)) $$b.ru $$b.en > $(EVAL)/lines/$$(basename $$f) || exit 1; done
	@$(BIN) eval lines $(SHARED)/wmt23-ruen-dev/lines $(EVAL)/lines

clean:
	rm -rf bin out
