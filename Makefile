# Serrano — every command a user or CI runs. `make demo` and `make test` install what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

SWIFT        ?= swift
# Every build type-checks each expression within 200 ms (the compiler warns past it). Applied
# here rather than in Package.swift, so that other packages can depend on Serrano by version.
TYPECHECK_FLAGS := -Xswiftc -Xfrontend -Xswiftc -warn-long-expression-type-checking=200
SWIFT_FLAGS  ?=
override SWIFT_FLAGS += $(TYPECHECK_FLAGS)
RELEASE_BIN  := .build/release
DEBUG_BIN    := .build/debug
N            ?= 10000
# The accelerator configurations whose Verilog is committed under rtl/.
CONFIGS      := tiny default large wide
SEED         ?=

# Debian package that provides each command the project runs.
TOOLS := verilator:verilator yosys:yosys iverilog:iverilog vcd2fst:gtkwave

.PHONY: help setup build build-release verilog lint test demo bench report verify package-check fuzz parser-fuzz gate-level clean

help:
	@echo "make demo     install missing tools, build, generate Verilog and run it in Verilator"
	@echo "make test     install missing tools, build, run the fast test suite"
	@echo "make verilog  regenerate rtl/ from the DSL examples"
	@echo "make lint     Verilator -Wall and full Yosys synthesis of everything in rtl/"
	@echo "make bench    benchmarks (release build), figures with units"
	@echo "make report   area, speed and energy of CONFIG=default (HTML + JSON in .build/report); SWEEP=\"rows=16,64\" for a sweep"
	@echo "make verify   the long regression (calls make package-check)"
	@echo "make package-check  a package of its own uses Serrano by version and runs its generate and lint"
	@echo "make fuzz N=… differential fuzzing: interpreter vs Verilator"
	@echo "make parser-fuzz PARSER_FUZZ=…  mutation fuzzing of the VCD and .npy readers (100,000 files each)"

# Installs each missing tool with apt-get; does nothing when all are present (idempotent).
setup:
	@missing=""; for pair in $(TOOLS); do cmd=$${pair%%:*}; pkg=$${pair##*:}; \
	  command -v $$cmd >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  echo "setup    installing:$$missing (apt-get)"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  if ! command -v apt-get >/dev/null; then \
	    echo "setup    error: apt-get not found; install$$missing with your package manager"; exit 2; fi; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null || \
	  { echo "setup    error: apt-get install$$missing failed"; exit 2; }; \
	fi; \
	command -v $(SWIFT) >/dev/null || { echo "setup    error: swift not found: install Swift 6.1 or newer from swift.org"; exit 2; }; \
	vv=$$(verilator --version | awk '{print $$2}'); \
	printf 'setup    verilator %s, yosys %s, iverilog %s, %s found\n' "$$vv" \
	  "$$(yosys -V | awk '{print $$2}')" "$$(iverilog -V 2>/dev/null | head -1 | awk '{print $$4}')" \
	  "$$($(SWIFT) --version 2>/dev/null | head -1 | sed 's/ (.*//')"

build:
	$(SWIFT) build $(SWIFT_FLAGS)

# Shows the compiler's progress; the first build compiles everything (minutes on 2 cores).
build-release:
	@mkdir -p .build; start=$$(date +%s); set -o pipefail; \
	if [ -x $(RELEASE_BIN)/serrano ]; then echo "build    serrano (release): checking what changed …"; \
	else echo "build    serrano (release): the first build compiles all of Serrano and takes minutes; later ones take seconds"; fi; \
	if $(SWIFT) build -c release $(SWIFT_FLAGS) --product serrano 2>&1 | scripts/build-progress .build/build-release.log "build   "; then \
	  echo "build    serrano (release) done in $$(( $$(date +%s) - start )) s"; \
	else echo "build    failed:"; tail -60 .build/build-release.log; exit 1; fi

verilog: build
	$(DEBUG_BIN)/serrano generate --examples $(foreach c,$(CONFIGS),--config $(c)) --out rtl

lint: setup build
	$(DEBUG_BIN)/serrano lint rtl --synthesize

test: setup
	$(SWIFT) build --build-tests $(SWIFT_FLAGS)
	$(SWIFT) test --skip-build $(SWIFT_FLAGS)

demo: setup build-release
	$(RELEASE_BIN)/serrano demo

bench: setup
	$(SWIFT) build -c release $(SWIFT_FLAGS) --product serrano-bench
	$(RELEASE_BIN)/serrano-bench

# The architect's report: Yosys area, the layer suite on the Verilated RTL, energy from its counters.
report: setup build-release
	$(RELEASE_BIN)/serrano report $(if $(SWEEP),--sweep $(SWEEP),--config $(or $(CONFIG),default)) --out $(or $(REPORT_DIR),.build/report)

# The long regression: random layers × configurations against the reference kernels, then
# differential fuzzing of the printer and interpreter against Verilator.
verify: setup build-release parser-fuzz
	$(RELEASE_BIN)/serrano verify $(if $(SEED),--seed $(SEED)) $(if $(CASES),--cases $(CASES))
	$(RELEASE_BIN)/serrano verify --backend rtl $(if $(RTL_CASES),--cases $(RTL_CASES),--suite smoke) --coverage $(if $(SEED),--seed $(SEED))
	$(RELEASE_BIN)/serrano verify --backend rtl --mutants --config tiny --cases 60 --seed $(or $(SEED),1)
	$(MAKE) --no-print-directory gate-level
	$(SWIFT) build --build-tests $(SWIFT_FLAGS)
	SERRANO_SLOW=1 $(SWIFT) test --skip-build $(SWIFT_FLAGS) --filter 'AcceleratorLintTests'
	$(RELEASE_BIN)/serrano fuzz --count $(or $(FUZZ),500) $(if $(SEED),--seed $(SEED))
	$(MAKE) --no-print-directory package-check

# Tests/PackageFixture as a user's package: Serrano by a versioned file:// URL of a tagged
# temporary copy of this tree; builds it and runs its own generate and lint (slow: a full build).
package-check: setup
	SWIFT=$(SWIFT) SWIFT_FLAGS="$(TYPECHECK_FLAGS)" Tests/package-check.sh

# The VCD and .npy readers against mutated files (`make test` runs a short slice of the same
# tests): no trap, no hang, memory in proportion to the file. Prints the seed and peak RSS.
PARSER_FUZZ ?= 100000
parser-fuzz:
	$(SWIFT) build --build-tests $(SWIFT_FLAGS)
	SERRANO_PARSER_FUZZ=$(PARSER_FUZZ) $(if $(SEED),SERRANO_SEED=$(SEED)) $(SWIFT) test --skip-build $(SWIFT_FLAGS) \
	  --filter 'ParserFuzzTests|NpyFuzzTests'

fuzz: setup build-release
	$(RELEASE_BIN)/serrano fuzz --count $(N) $(if $(SEED),--seed $(SEED))

clean:
	rm -rf .build

# The smoke suite on Yosys's gate-level netlist of `tiny` (SRAMs kept as their behavioural
# modules): the suite checks what synthesis builds, not only what the generator meant.
GATES := .build/gate-level/tiny
gate-level: setup build-release
	@rm -rf $(GATES) && mkdir -p $(GATES) && cp rtl/tiny/serrano_sram_*.v rtl/tiny/config.json $(GATES)/
	yosys -q -p "$(foreach f,$(wildcard rtl/tiny/serrano_sram_*.v),read_verilog -lib $(f);) \
	  read_verilog $(filter-out rtl/tiny/serrano_sram_%,$(wildcard rtl/tiny/*.v)); synth -top Accelerator; \
	  write_verilog -noattr $(GATES)/Accelerator_gates.v"
	$(RELEASE_BIN)/serrano verify --backend rtl --rtl $(GATES) $(if $(GATE_CASES),--cases $(GATE_CASES),--suite smoke) $(if $(SEED),--seed $(SEED))
