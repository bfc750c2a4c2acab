# parapost — build, test and measure.
GO      ?= go
BIN     := bin/parapost
OUT     ?= out/sample
# The shared data sets with gold answers; the copies in testdata/ otherwise.
SHARED  ?= $(if $(wildcard ../shared/data),../shared/data,testdata)
EVAL    := out/eval
FUZZTIME ?= 1m

.PHONY: all build run test test-browser vet fuzz bench bench-scale eval clean

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

# The check report page in headless Chromium (Debian: apt-get install -y
# chromium); skipped without it. Screenshots and pages go to SHOTS.
SHOTS ?= out/screenshots
test-browser:
	PARAPOST_TEST_BROWSER=1 PARAPOST_SCREENSHOTS=$(abspath $(SHOTS)) $(GO) test -count=1 -run TestBrowser -v ./align/check/
	@ls $(SHOTS)/*.png 2>/dev/null || true

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

# Scale: generate 100k, 300k and 1M posts (half per language, texts from
# the gold beads of $(SHARED)) into out/scale/ once, build each, and print
# wall time per stage and peak memory; then `detect` on 300k. Not part of
# `make test`. SCALE_SIZES=100k picks sizes.
SCALE_SIZES ?= 100k 300k 1m
bench-scale: build
	$(GO) run ./corpus/internal/cmd/benchscale -data $(SHARED) -out out/scale -bin $(BIN) $(SCALE_SIZES)

# Accuracy on every data set with gold answers in $(SHARED): pairs, sentence
# beads (gold pairs the build did not pair count as missed) and
# sentence-per-line files. MT=1 adds the runs with the data sets'
# translations (--mt file:...); DICT=/usr/share/dictd/mueller7.index adds
# the dictionary to every run.
WMT_SETS := wmt23-ruen-dev-hard wmt23-ruen-dev-dense
eval: build
	@mkdir -p $(EVAL)
	@echo "== mfa-sample: exports and saved page"
	@$(BIN) build --quiet $(DICTARG) -o $(EVAL)/mfa $(SHARED)/mfa-sample/mid_russia.result.json \
	  $(SHARED)/mfa-sample/mid_russia.page.html $(SHARED)/mfa-sample/mfa_russia.result.json >/dev/null
	@$(BIN) eval pairs --gold $(SHARED)/mfa-sample/gold/pairs.tsv $(EVAL)/mfa
	@$(BIN) eval beads --gold $(SHARED)/mfa-sample/gold/beads.jsonl $(EVAL)/mfa
	@echo "== mfa-sample: dateless embassy page"
	@$(BIN) build --quiet $(DICTARG) -o $(EVAL)/embassy $(SHARED)/mfa-sample/mid_russia.result.json $(SHARED)/mfa-sample/embassy_usa.page.txt >/dev/null
	@$(BIN) eval pairs --gold $(SHARED)/mfa-sample/gold/embassy_pairs.tsv $(EVAL)/embassy
	@echo "== wmt23-ruen-dev"
	@$(BIN) build --quiet $(DICTARG) -o $(EVAL)/wmt $(SHARED)/wmt23-ruen-dev/ru.result.json $(SHARED)/wmt23-ruen-dev/en.result.json >/dev/null
	@$(BIN) eval pairs --gold $(SHARED)/wmt23-ruen-dev/gold/pairs.tsv $(EVAL)/wmt
	@$(BIN) eval beads --gold $(SHARED)/wmt23-ruen-dev/gold/beads.jsonl $(EVAL)/wmt
	@set -e; for d in $(WMT_SETS); do for mt in "" $(if $(MT),file:$(SHARED)/$$d/mt/ru-en.jsonl); do \
	  tag=$${mt:+ with --mt}; \
	  echo "== $$d: t.me pages$$tag"; \
	  $(BIN) build --quiet $(DICTARG) $${mt:+--mt $$mt} -o $(EVAL)/$$d $(SHARED)/$$d/ru.result.json $(SHARED)/$$d/en-pages >/dev/null; \
	  $(BIN) eval pairs --gold $(SHARED)/$$d/gold/pairs.tsv $(EVAL)/$$d; \
	  $(BIN) eval beads --gold $(SHARED)/$$d/gold/beads.jsonl $(EVAL)/$$d; \
	  echo "== $$d: dateless page copy$$tag"; \
	  $(BIN) build --quiet $(DICTARG) $${mt:+--mt $$mt} -o $(EVAL)/$$d-copy $(SHARED)/$$d/ru.result.json $(SHARED)/$$d/en.page.txt >/dev/null; \
	  $(BIN) eval pairs --gold $(SHARED)/$$d/gold/pagecopy_pairs.tsv $(EVAL)/$$d-copy; \
	done; done
	@echo "== wmt23-ruen-dev/lines (align --lines)"
	@$(call eval_lines,$(SHARED)/wmt23-ruen-dev/lines,ru,en,wmt-lines,)
	@$(if $(MT),echo "== wmt23-ruen-dev/lines (align --lines --mt)"; $(call eval_lines,$(SHARED)/wmt23-ruen-dev/lines,ru,en,wmt-lines-mt,--mt file:$(SHARED)/wmt23-ruen-dev/mt/ru-en.jsonl))
	@if [ -d $(TEXTBERG) ]; then \
	  echo "== textberg-dev de-fr (align --lines)"; \
	  $(call eval_textberg,textberg,); \
	  echo "== textberg-dev de-fr (align --lines --mt file:dev.mt.fr)"; \
	  $(call eval_textberg,textberg-mt,--mt file:$(TEXTBERG)/dev.mt.fr); \
	fi

DICTARG = $(if $(DICT),--dict $(DICT))
# textberg-dev is GPL-2: read from ../shared only, never copied here.
TEXTBERG := ../shared/data/textberg-dev
# eval_lines DIR,SRC,TGT,OUT,FLAGS: align every DIR/*.SRC-TGT pair of line files, then score.
eval_lines = mkdir -p $(EVAL)/$(4) && for f in $(1)/*.$(2)$(3); do b=$${f%.$(2)$(3)}; \
	  $(BIN) align --lines --source-lang $(2) --target-lang $(3) $(DICTARG) $(5) $$b.$(2) $$b.$(3) > $(EVAL)/$(4)/$$(basename $$f) || exit 1; done; \
	  $(BIN) eval lines $(1) $(EVAL)/$(4)
eval_textberg = mkdir -p $(EVAL)/$(1)/gold $(EVAL)/$(1)/test && cp $(TEXTBERG)/dev.defr $(EVAL)/$(1)/gold/ && \
	  $(BIN) align --lines --source-lang de --target-lang fr $(2) $(TEXTBERG)/dev.de $(TEXTBERG)/dev.fr > $(EVAL)/$(1)/test/dev.defr && \
	  $(BIN) eval lines $(EVAL)/$(1)/gold $(EVAL)/$(1)/test

clean:
	rm -rf bin out
