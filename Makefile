# nachweis — build, test, lint, policy checks, benchmarks.
# `make test` is the project's test command (README, .ci/run): it installs
# what the tests need, then runs every Go and Rego test.

GO          ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
OPA         := github.com/open-policy-agent/opa@v1.22.2
# COSIGN is the independent verifier of evidence pack signatures the tests
# run (cmd/nachweis TestCosignVerifiesPack), installed into bin/ from the Go
# module proxy (about 3 minutes cold on 2 cores, then kept).
COSIGN_MOD     := github.com/sigstore/cosign/v2
COSIGN_VERSION := v2.6.5
DEMO_AT     := 2026-11-23T19:00:00Z
DEMO        := evidence/demo
NACHWEIS    := $(GO) run ./cmd/nachweis
# KUBE_APISERVER_MOD is the separate module kube-apiserver is built from, so
# k8s.io/kubernetes never enters the product's go.mod.
KUBE_APISERVER_MOD := evidence/kubernetes/testdata/kube-apiserver
# SUDO is empty when make runs as root (CI containers), sudo otherwise.
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all build test deps kube-apiserver cosign opa lint policy bench bench-scale fuzz demo demo-bundle clean

all: lint test build

build:
	$(GO) build -trimpath -o bin/nachweis ./cmd/nachweis

# deps installs what the tests need: Go modules from the module proxy,
# Debian packages (one apt-get update, only when one is missing) and
# bin/kube-apiserver, the real API server the Kubernetes tests start
# (evidence/kubernetes/kubetest). From Debian: etcd (etcd-server); restic,
# borg, pgBackRest and PostgreSQL for the real backup repositories the
# backup tests create (evidence/backup/backuptest); pdftotext, pdftoppm
# (poppler-utils), qpdf and LibreOffice Calc, the real readers the document
# tests open our PDFs and spreadsheets with. And bin/cosign, which verifies
# the signature of an evidence pack independently of nachweis.
deps: kube-apiserver cosign
	$(GO) mod download
	@pkgs=""; \
	command -v etcd >/dev/null || pkgs="$$pkgs etcd-server"; \
	command -v restic >/dev/null || pkgs="$$pkgs restic"; \
	command -v borg >/dev/null || pkgs="$$pkgs borgbackup"; \
	command -v pgbackrest >/dev/null || pkgs="$$pkgs pgbackrest"; \
	[ -x /usr/lib/postgresql/15/bin/initdb ] || command -v initdb >/dev/null || pkgs="$$pkgs postgresql"; \
	command -v pdftotext >/dev/null || pkgs="$$pkgs poppler-utils"; \
	command -v qpdf >/dev/null || pkgs="$$pkgs qpdf"; \
	command -v soffice >/dev/null || pkgs="$$pkgs libreoffice-calc"; \
	if [ -n "$$pkgs" ]; then \
	  $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$pkgs; \
	fi

# kube-apiserver builds bin/kube-apiserver (k8s.io/kubernetes v1.31.4, about
# 2.5-4 minutes cold on 2 cores) only when it is missing or older than the
# module's go.mod or go.sum.
kube-apiserver: bin/kube-apiserver

# The version flags make /version report the release (as a real cluster
# does) instead of v0.0.0-master.
bin/kube-apiserver: $(KUBE_APISERVER_MOD)/go.mod $(KUBE_APISERVER_MOD)/go.sum
	@mkdir -p bin
	cd $(KUBE_APISERVER_MOD) && v=$$($(GO) list -m -f '{{.Version}}' k8s.io/kubernetes) && \
	  mm=$${v#v} && major=$${mm%%.*} && rest=$${mm#*.} && minor=$${rest%%.*} && \
	  $(GO) build -trimpath -ldflags "-s -w \
	    -X k8s.io/component-base/version.gitVersion=$$v \
	    -X k8s.io/component-base/version.gitMajor=$$major \
	    -X k8s.io/component-base/version.gitMinor=$$minor \
	    -X k8s.io/component-base/version.gitTreeState=clean" \
	  -o ../../../../bin/kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver
	@touch $@

# cosign installs bin/cosign at COSIGN_VERSION unless that version is
# already there.
cosign:
	@if ! $(GO) version -m bin/cosign 2>/dev/null | grep -q "mod[[:space:]]*$(COSIGN_MOD)[[:space:]]*$(COSIGN_VERSION)[[:space:]]"; then \
	  mkdir -p bin && GOBIN=$(CURDIR)/bin $(GO) install -trimpath $(COSIGN_MOD)/cmd/cosign@$(COSIGN_VERSION); \
	fi

# NACHWEIS_REQUIRE_TOOLS makes a missing real reader or backup tool
# (pdftotext, qpdf, soffice, pgbackrest, postgres) fail the tests instead of
# skipping them: make test has just installed them.
test: deps
	NACHWEIS_REQUIRE_TOOLS=1 $(GO) test -count=1 -timeout 45m ./...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

# policy formats, checks and tests the Rego checks with the opa CLI itself
# (the same tests also run inside `go test ./policies`).
policy:
	$(GO) run $(OPA) fmt --list --fail policies/
	$(GO) run $(OPA) check --strict policies/
	$(GO) run $(OPA) test policies/

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# FUZZ_TARGETS are the fuzz targets as package:target. go test -fuzz runs
# one target of one package per call, so fuzz runs them one after another,
# each for FUZZTIME, with one worker (-parallel 1). Their seed corpora
# (testdata/fuzz/<target> and f.Add) run in every go test; a crash found
# here is written to testdata/fuzz/<target> and stays a regression test.
FUZZTIME ?= 30s
FUZZ_TARGETS := \
	./evidence:FuzzDetect \
	./evidence:FuzzRedactKubernetes \
	./evidence:FuzzRedactGitHub \
	./evidence:FuzzOpenBundle \
	./evidence/internal/jsonscan:FuzzDuplicates \
	./evidence/internal/jsonscan:FuzzUnquote \
	./evidence/kubernetes:FuzzProject \
	./evidence/kubernetes:FuzzProjectVelero \
	./evidence/kubernetes:FuzzProjectStream \
	./evidence/kubernetes:FuzzProjectWorkloads \
	./evidence/kubernetes:FuzzParseImage \
	./evidence/internal/jsonscan:FuzzDecoder \
	./evidence/backup:FuzzResticSnapshots \
	./evidence/backup:FuzzResticConfig \
	./evidence/backup:FuzzResticCheck \
	./evidence/backup:FuzzBorgInfo \
	./evidence/backup:FuzzBorgList \
	./evidence/backup:FuzzPgBackRestInfo \
	./evidence/github:FuzzProject \
	./evidence/config:FuzzParse \
	./evidence/config:FuzzParseSoA \
	./evidence/attest:FuzzLoad \
	./evidence/approval:FuzzParse \
	./evidence/approval:FuzzReadStamp \
	./evidence/deletion:FuzzReadPlan \
	./output/pdf:FuzzRender \
	./templates:FuzzDocumentPDF \
	./output/pack:FuzzRead \
	./output/pdf:FuzzLayoutText \
	./output/pdf/hyphen:FuzzPoints \
	./controls/l10n:FuzzParse \
	./controls:FuzzReadResults

fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t#*:}; \
	  echo "== $$name ($$pkg, $(FUZZTIME))"; \
	  $(GO) test $$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -parallel 1; \
	done

# opa installs the OPA CLI at the version go.mod pins (OPA above) into
# bin/ unless that version is already there: bench-scale compares with it.
opa:
	@if ! $(GO) version -m bin/opa 2>/dev/null | grep -q "mod[[:space:]]*github.com/open-policy-agent/opa[[:space:]]*$(lastword $(subst @, ,$(OPA)))[[:space:]]"; then \
	  mkdir -p bin && GOBIN=$(CURDIR)/bin $(GO) install -trimpath $(OPA); \
	fi

# bench-scale generates the synthetic providers of evidence/scaletest
# (2,000 tenants: ~107k Kubernetes objects, ~10k restic snapshots, 205 MB;
# and 250, 500, 1,000), then measures as separate processes, several runs
# each, medians: nachweis check (text, JSON, SARIF) beside opa eval of a
# plain three-rule policy over the same raw JSON and of nachweis's own
# checks on its projected input; check for the growth series; tom
# --all-tenants for 1,000 tenants; pack and verify. It prints wall time,
# CPU time and peak RSS and the ratios (internal/benchscale). About 15
# minutes on 2 cores. BENCH_SCALE_FLAGS passes more flags, e.g.
# -runs 3 -reuse -only check,opa -profile.
BENCH_SCALE_DIR ?= $(CURDIR)/out/bench-scale
bench-scale: build opa
	$(GO) run ./internal/benchscale -nachweis bin/nachweis -opa bin/opa -dir $(BENCH_SCALE_DIR) $(BENCH_SCALE_FLAGS)

# demo runs the main job on the shipped demo evidence.
demo:
	$(NACHWEIS) check --demo

# demo-bundle rebuilds the embedded demo bundle from $(DEMO)/src with a
# fixed collection time (byte-identical on every run).
demo-bundle:
	rm -rf $(DEMO)/data/bundle
	$(NACHWEIS) import -o $(DEMO)/data/bundle --collected-at $(DEMO_AT) --kind kubernetes --source prod $(DEMO)/src/kubernetes/*.json
	$(NACHWEIS) import -o $(DEMO)/data/bundle --collected-at $(DEMO_AT) --kind restic --source web01 $(DEMO)/src/restic-web01/*
	$(NACHWEIS) import -o $(DEMO)/data/bundle --collected-at $(DEMO_AT) --kind restic --source shared $(DEMO)/src/restic-shared/*
	$(NACHWEIS) import -o $(DEMO)/data/bundle --collected-at $(DEMO_AT) --kind borg --source files01 $(DEMO)/src/borg-files01/*
	$(NACHWEIS) import -o $(DEMO)/data/bundle --collected-at $(DEMO_AT) --kind borg --source db01 $(DEMO)/src/borg-db01/*
	$(NACHWEIS) import -o $(DEMO)/data/bundle --collected-at $(DEMO_AT) --kind pgbackrest --source main $(DEMO)/src/pgbackrest-main/*
	$(NACHWEIS) import -o $(DEMO)/data/bundle --collected-at $(DEMO_AT) --kind github --source example-org $(DEMO)/src/github/*

clean:
	rm -rf bin out
