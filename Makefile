# RadFleet: the two set-up commands of the README, and a few more.
#   make demo   installs missing system libraries, builds, and runs `radfleet demo` (built-in synthetic cohort)
#   make test   installs missing system libraries, builds, and runs the whole test suite
SWIFT ?= swift
CONFIG ?= release
DEMO_DIR ?= demo-out

.PHONY: demo test build deps bench bench-extract bench-stats bench-fleet soak clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG) --product radfleet

demo: build
	$$($(SWIFT) build -c $(CONFIG) --show-bin-path)/radfleet demo $(DEMO_DIR)

test: deps
	$(SWIFT) build -c $(CONFIG) --build-tests
	$(SWIFT) test -c $(CONFIG) --skip-build --disable-swift-testing

bench: bench-extract bench-stats bench-fleet

bench-extract: deps
	$(SWIFT) build -c release --product radfleet-bench
	$$($(SWIFT) build -c release --show-bin-path)/radfleet-bench extract

bench-stats: deps
	$(SWIFT) build -c release --product radfleet-bench
	$$($(SWIFT) build -c release --show-bin-path)/radfleet-bench stats

bench-fleet: deps
	$(SWIFT) build -c release --product radfleet-bench
	$(SWIFT) build -c release --product radfleet
	$$($(SWIFT) build -c release --show-bin-path)/radfleet-bench fleet --jobs 20000 --workers 1
	$$($(SWIFT) build -c release --show-bin-path)/radfleet-bench scaling --cohort busi --cases 600
	$$($(SWIFT) build -c release --show-bin-path)/radfleet-bench scaling --cohort synthetic --cases 1200

soak: deps
	$(SWIFT) build -c release --product radfleet-bench
	$(SWIFT) build -c release --product radfleet
	$$($(SWIFT) build -c release --show-bin-path)/radfleet-bench soak --jobs 10000 --workers 2 --kills 20 --coordinator-kills 2

clean:
	rm -rf .build $(DEMO_DIR)
