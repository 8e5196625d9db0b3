# Khipu — top-level wrapper around meson + ninja.
#   make run    install what is missing, build, create a demo register, serve it
#   make check  install what is missing, build with ASan+UBSan, run every test
#               (and each libFuzzer harness for a few seconds)
#   make fuzz   each libFuzzer harness (tests/fuzz) for FUZZ_SECONDS seconds
#   make fresh-machine  both, on a debootstrapped Debian 12 (before a release)
#   make security  the security tests and the scanners (sqlmap, wapiti) on a
#               demo register served on loopback (tests/security; minutes)
#   make load   wrk against the signed-in site for minutes (bench/load.sh)
BUILD      ?= build
CHECKBUILD ?= build/asan
FUZZBUILD  ?= build/fuzz
FUZZ_SECONDS ?= 60
MESON_OPTS ?=

.PHONY: all deps build run check fuzz fresh-machine security load bench bench-web bench-update clean

all: build

deps:
	@sh scripts/deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=release $(MESON_OPTS)

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD) khipu

run: build
	@sh scripts/run.sh $(BUILD)/khipu

$(CHECKBUILD)/build.ninja:
	meson setup $(CHECKBUILD) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false $(MESON_OPTS)

check: deps $(CHECKBUILD)/build.ninja
	ninja -C $(CHECKBUILD)
	@sh scripts/check.sh $(CHECKBUILD) $(FUZZBUILD)

# clang's libFuzzer in its own build folder; skipped with a message without it
fuzz: deps
	@sh scripts/fuzz.sh setup $(FUZZBUILD) || { [ $$? -eq 2 ] && exit 0; exit 1; } && \
		sh scripts/fuzz.sh run $(FUZZBUILD) $(FUZZ_SECONDS)

fresh-machine:
	@sh scripts/fresh-machine.sh

security: build
	@sh scripts/deps.sh security
	@sh tests/security/run.sh $(BUILD)/khipu

# every benchmark of bench/ and one table of figures against references
# measured in the same run (bench/all.sh; about half an hour)
bench: build
	@sh scripts/deps.sh bench
	ninja -C $(BUILD) bench/bench_lookup
	@sh bench/all.sh $(BUILD)/khipu

load: build
	@sh scripts/deps.sh bench
	@sh bench/load.sh $(BUILD)/khipu

bench-web: build
	@sh bench/web.sh $(BUILD)/khipu

bench-update: build
	@sh bench/update.sh $(BUILD)/khipu

clean:
	rm -rf $(BUILD)
