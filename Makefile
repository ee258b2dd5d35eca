# izde — build, test, install.  GNU make.
#
#   make            bin/izde-index, bin/izde-search, bin/izde.cgi, lib/libizde.a
#   make deps       install the Debian packages izde needs (no-op if present)
#   make check      deps + build + every test, plainly and under ASan+UBSan
#                   (four runs side by side; make test: one, plain)
#   make demo       deps + build + index corpus/ into ./izde.db + one search
#   make check-browser  headless Chromium against izde.cgi in lighttpd
#   make stem-eval  score the Kyrgyz stemmer on ../shared/eval
#   make crash-test kill -9 izde-index at 20 random points (3000 articles)
#   make bench-quality  known-item search quality with/without the stemmer
#   make bench      izde beside omindex, FTS5 and a minimal Xapian indexer
#   make bench-xml  reading issue XML of 1-100 MB: time and peak RSS
#   make bench-cgi  izde.cgi (CGI, FastCGI) beside Omega under wrk
#   make bench-lang     cross-language MRR@10 with/without --lang-expand
#   make translit-ascii regenerate lib/translit_ascii.inc from ICU's Latin-ASCII
#   make install    PREFIX=/usr/local DESTDIR=
SHELL := /bin/bash
.SUFFIXES:
.DELETE_ON_ERROR:

PREFIX ?= /usr/local
DESTDIR ?=
SHARED ?= ../shared

# Output locations; the sanitizer build puts everything under build/asan.
SAN ?=
ifeq ($(SAN),1)
OBJDIR ?= build/asan/obj
BINDIR ?= build/asan/bin
LIBA ?= build/asan/libizde.a
OPT := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else ifeq ($(SAN),fuzz)
# libFuzzer build (make fuzz): clang, everything instrumented for coverage.
OBJDIR ?= build/fuzz/obj
BINDIR ?= build/fuzz/bin
LIBA ?= build/fuzz/libizde.a
OPT := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CC := clang
CXX := clang++
else
OBJDIR ?= build/plain/obj
BINDIR ?= bin
LIBA ?= lib/libizde.a
OPT := -O2 -g
endif

# Evaluated when a recipe runs, i.e. after `make deps` installed pkg-config.
PKGS = icu-uc icu-i18n libxml-2.0 poppler-glib
DEP_CFLAGS = $(shell pkg-config --cflags $(PKGS))
# libicui18n is not linked: the programs transliterate by lib/translit.c's
# own tables; only check-izde links it, to compare them with ICU's.
# --as-needed: a program records only the libraries it uses.  izde.cgi and
# izde-search link neither poppler nor libxml2, nor ICU: the analyzer and
# the transliteration reach ICU through lib/icu.c, which loads libicuuc
# when a text first needs it (lib/unichar.c knows the usual characters).
# No program links poppler-glib: lib/pdf_article.c dlopen()s it, by the
# soname of the installed headers' library, at the first PDF (its forty
# libraries cost every izde-index start ~25 ms); GLib and GObject are linked.
DEP_LIBS = -Wl,--as-needed $(shell pkg-config --libs icu-uc libxml-2.0 gobject-2.0) \
	$(shell xapian-config --libs)
POPPLER_GLIB_SONAME = $(shell objdump -p $$(pkg-config --variable=libdir poppler-glib)/libpoppler-glib.so \
	| sed -n 's/^ *SONAME *//p')
XAPIAN_CXXFLAGS = $(shell xapian-config --cxxflags)
CHECK_CFLAGS = $(shell pkg-config --cflags check)
CHECK_LIBS = $(shell pkg-config --libs check icu-i18n)

CC ?= cc
CXX ?= c++
CFLAGS ?=
CXXFLAGS ?=
LDFLAGS ?=
WARN := -Wall -Wextra -Werror
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(OPT) -Iinclude $(DEP_CFLAGS) $(CFLAGS) -MMD -MP
ALL_CXXFLAGS = -std=c++17 $(WARN) $(OPT) -Iinclude $(XAPIAN_CXXFLAGS) $(CXXFLAGS) -MMD -MP
LINK = $(CXX) $(OPT) $(LDFLAGS)

LIB_C := $(sort $(wildcard lib/*.c))
LIB_CC := $(sort $(wildcard lib/xapian/*.cc))
LIB_OBJ := $(LIB_C:%.c=$(OBJDIR)/%.o) $(LIB_CC:%.cc=$(OBJDIR)/%.o) $(OBJDIR)/lib/glossary_data.o \
	$(OBJDIR)/lib/issue_schema.o
INDEX_OBJ := $(patsubst %.c,$(OBJDIR)/%.o,$(sort $(wildcard indexer/*.c)))
SEARCH_OBJ := $(OBJDIR)/searcher/main.o
# izde.cgi: searcher/cgi_*.c and its built-in page and stylesheet.
CGI_OBJ := $(patsubst %.c,$(OBJDIR)/%.o,$(sort $(wildcard searcher/cgi_*.c))) \
	$(OBJDIR)/searcher/assets.o
TOOLS := $(patsubst tests/tools/%.c,$(BINDIR)/%,$(sort $(wildcard tests/tools/*.c)))
TEST_OBJ := $(patsubst %.c,$(OBJDIR)/%.o,$(sort $(wildcard tests/unit/*.c)))
CHECK_BIN := $(BINDIR)/check-izde
PROGS := $(BINDIR)/izde-index $(BINDIR)/izde-search $(BINDIR)/izde.cgi

all: $(PROGS) $(LIBA)

$(OBJDIR)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(OBJDIR)/lib/pdf_article.o: ALL_CFLAGS += $(if $(POPPLER_GLIB_SONAME),-DIZDE_POPPLER_GLIB='"$(POPPLER_GLIB_SONAME)"')

$(OBJDIR)/%.o: %.cc
	@mkdir -p $(@D)
	$(CXX) $(ALL_CXXFLAGS) -c -o $@ $<

# The glossary is built into libizde (lib/glossary_data.S: .incbin).
$(OBJDIR)/lib/glossary_data.o: lib/glossary_data.S data/glossary.tsv
	@mkdir -p $(@D)
	$(CC) -c -DGLOSSARY_FILE='"data/glossary.tsv"' -o $@ $<

# So is the issue XML schema (lib/issue_schema.S).
$(OBJDIR)/lib/issue_schema.o: lib/issue_schema.S schema/izde-issue.rng
	@mkdir -p $(@D)
	$(CC) -c -DISSUE_SCHEMA_FILE='"schema/izde-issue.rng"' -o $@ $<

$(OBJDIR)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

$(LIBA): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(BINDIR)/izde-index: $(INDEX_OBJ) $(LIBA)
	@mkdir -p $(@D)
	$(LINK) -pthread -o $@ $(INDEX_OBJ) $(LIBA) $(DEP_LIBS)

$(BINDIR)/izde-search: $(SEARCH_OBJ) $(LIBA)
	@mkdir -p $(@D)
	$(LINK) -o $@ $(SEARCH_OBJ) $(LIBA) $(DEP_LIBS)

$(BINDIR)/izde.cgi: $(CGI_OBJ) $(LIBA)
	@mkdir -p $(@D)
	$(LINK) -o $@ $(CGI_OBJ) $(LIBA) $(DEP_LIBS) -lfcgi

# The built-in template and stylesheet of izde.cgi, as C strings.
$(OBJDIR)/searcher/assets.c: searcher/izde.html searcher/izde.css
	@mkdir -p $(@D)
	{ echo '/* Generated from searcher/izde.html and searcher/izde.css by the Makefile. */'; \
	  echo 'const char izde_cgi_default_template[] ='; \
	  sed 's/\\/\\\\/g; s/"/\\"/g; s/^/    "/; s/$$/\\n"/' searcher/izde.html; echo ';'; \
	  echo 'const char izde_cgi_default_css[] ='; \
	  sed 's/\\/\\\\/g; s/"/\\"/g; s/^/    "/; s/$$/\\n"/' searcher/izde.css; echo ';'; } >$@

$(OBJDIR)/searcher/assets.o: $(OBJDIR)/searcher/assets.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# ICU's Latin-ASCII table for lib/translit.c, regenerated from the installed
# ICU (after an ICU upgrade: test_translit then fails until this is run).
translit-ascii:
	@mkdir -p build
	$(CC) -std=c11 $(WARN) -O1 -o build/latin-ascii tests/gen/latin_ascii.c \
	  $(shell pkg-config --cflags --libs icu-i18n icu-uc)
	build/latin-ascii >lib/translit_ascii.inc.new && mv lib/translit_ascii.inc.new lib/translit_ascii.inc

# Small programs the tests and stem-eval drive (tests/tools/NAME.c).  mkpdf
# sets the tests' PDFs with cairo and pango: it makes input, it is not under
# test, so it is built without the sanitizers (fontconfig keeps its caches
# to the end).
MKPDF_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -O2 -g $(shell pkg-config --cflags pangocairo)
$(BINDIR)/mkpdf: tests/tools/mkpdf.c
	@mkdir -p $(@D)
	$(CC) $(MKPDF_CFLAGS) -o $@ $< $(shell pkg-config --libs pangocairo)

$(BINDIR)/%: $(OBJDIR)/tests/tools/%.o $(LIBA)
	@mkdir -p $(@D)
	$(LINK) -o $@ $< $(LIBA) $(DEP_LIBS)

# An LD_PRELOAD helper of tests/e2e/hostile.sh (not instrumented: it is
# loaded before the sanitizer runtime).
$(BINDIR)/vanish.so: tests/preload/vanish.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -shared -fPIC -o $@ $< -ldl

$(CHECK_BIN): $(TEST_OBJ) $(LIBA)
	@mkdir -p $(@D)
	$(LINK) -o $@ $(TEST_OBJ) $(LIBA) $(DEP_LIBS) $(CHECK_LIBS)

# ---- tests -----------------------------------------------------------------
# One Check runner holds the unit suites and the end-to-end scripts
# (tests/e2e/*.sh, each a Check test); it ends with Check's summary line.
# CK_INCLUDE_TAGS=e2e runs only the scripts, CK_EXCLUDE_TAGS=e2e only the
# unit suites (Check reads them from the environment).
test: test-programs
	CK_DEFAULT_TIMEOUT=60 IZDE_BIN=$(abspath $(BINDIR)) IZDE_TOP=$(CURDIR) IZDE_SHARED=$(abspath $(SHARED)) \
	  $(CHECK_BIN)

test-programs: all $(TOOLS) $(BINDIR)/vanish.so $(CHECK_BIN)

# make check builds both ways, then runs the unit suites and the scripts of
# each build as four runs, as many at once as there are cores, the longest
# (the sanitized scripts) first.  -O prints each run's output whole when it
# ends; -k runs the others when one fails.  The sanitized unit suites run in one process (CK_FORK=no, as under
# valgrind), its leaks checked once at its exit: forked, each test's child
# paid LeakSanitizer's scan at its exit (ky_stem's 717 tests: 47 s forked,
# 0.2 s in one process).  The plain run keeps a process per test (isolation,
# and Check's timeouts: the one-process run is bounded by timeout(1)).
# A clean clone on two cores: 8 min 15 s (18-20 min when the plain build
# and its tests, then the sanitized ones, ran one after the other).
JOBS ?= $(shell nproc)
check: deps
	$(MAKE) -j$(JOBS) check-build-plain check-build-san
	$(MAKE) -k -j$(JOBS) -O check-e2e-san check-e2e-plain check-unit-san check-unit-plain

check-build-plain:
	$(MAKE) test-programs
check-build-san:
	$(MAKE) SAN=1 test-programs
check-e2e-plain check-e2e-san: check-e2e-%:
	CK_INCLUDE_TAGS=e2e $(MAKE) $(if $(filter san,$*),SAN=1) test
check-unit-plain:
	CK_EXCLUDE_TAGS=e2e $(MAKE) test
check-unit-san:
	CK_EXCLUDE_TAGS=e2e CK_FORK=no timeout 1800 $(MAKE) SAN=1 test

# Headless Chromium types a query into izde.cgi's page served by lighttpd (CGI
# and FastCGI) and checks the DOM; screenshots in tests/out/.  Not in check:
# chromium is a large package, installed here only.
check-browser: deps
	@dpkg-query -W -f='$${Status}\n' chromium 2>/dev/null | grep -q 'install ok installed' || { \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends chromium; }
	$(MAKE) all
	IZDE_BIN=$(abspath $(BINDIR)) bash tests/browser/browser.sh

# The unit suites and both programs under valgrind (slow; not in check).
# The indexer with -j 1: a worker of a parallel build leaves by _exit with
# the heap it inherited, which valgrind would report as its leaks.
check-valgrind: all $(CHECK_BIN)
	CK_FORK=no CK_EXCLUDE_TAGS=e2e IZDE_TOP=$(CURDIR) \
	  valgrind -q --leak-check=full --error-exitcode=9 $(CHECK_BIN)
	rm -rf build/valgrind.db
	valgrind -q --leak-check=full --error-exitcode=9 $(BINDIR)/izde-index -j 1 -d build/valgrind.db corpus
	valgrind -q --leak-check=full --error-exitcode=9 $(BINDIR)/izde-search -d build/valgrind.db \
	  --format json 'тендештируучу гранттар' >/dev/null
	printf 'db = valgrind.db\nurl = /a/{path}\n' >build/valgrind.conf
	for qs in 'q=%D0%B3%D1%80%D0%B0%D0%BD%D1%82&sort=date' 'q=x&format=json&facets=1' \
	    'q=%22' 'q=%FF' 'rubric=Finance&year=2021' ''; do \
	  GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET QUERY_STRING="$$qs" IZDE_CONFIG=build/valgrind.conf \
	    valgrind -q --leak-check=full --error-exitcode=9 $(BINDIR)/izde.cgi >/dev/null || exit 1; \
	done
	GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=POST IZDE_CONFIG=build/valgrind.conf \
	  valgrind -q --leak-check=full --error-exitcode=9 $(BINDIR)/izde.cgi >/dev/null

# ---- fuzzing ---------------------------------------------------------------
# libFuzzer targets (tests/fuzz/fuzz_*.c, bodies in tests/fuzz/harness.h),
# each run FUZZ_SECONDS seconds from corpus/ and the test fixtures; a crash
# leaves its input in build/fuzz/artifacts/ and fails the target.  Not part
# of check: copy a crash into tests/fuzz/regressions/TARGET/ and the unit
# suite fuzz_regressions replays it from then on.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
fuzz:
	$(MAKE) deps DEB_PKGS="$(DEB_PKGS) $(FUZZ_DEB_PKGS)"
	$(MAKE) SAN=fuzz fuzz-build
	$(MAKE) bin/mkpdf
	@# fuzz_pdf's seeds: the test issues as set, and uncompressed (qpdf)
	mkdir -p build/fuzz/seeds
	for f in tests/fixtures/pdf/*.txt; do b=build/fuzz/seeds/$$(basename $$f .txt); \
	  bin/mkpdf $$b.pdf <$$f && qpdf --qdf --object-streams=disable $$b.pdf $$b-qdf.pdf; done
	tests/fuzz/run.sh build/fuzz/bin $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-build: $(addprefix $(BINDIR)/,$(FUZZ_TARGETS))

$(BINDIR)/fuzz_%: $(OBJDIR)/tests/fuzz/fuzz_%.o $(LIBA)
	@mkdir -p $(@D)
	$(LINK) -fsanitize=fuzzer -o $@ $< $(LIBA) $(DEP_LIBS)

# kill -9 izde-index at random points of runs over 3000 articles; after each
# the database must open, pass xapian-check and hold what was committed, and
# a rerun must complete it (tests/crash-test.sh; slow: a short one is in
# check).
CRASH_ARTICLES ?= 3000
CRASH_KILLS ?= 20
crash-test: deps
	$(MAKE) all
	tests/crash-test.sh $(abspath $(BINDIR)) $(CRASH_ARTICLES) $(CRASH_KILLS)

# ---- the demo ----------------------------------------------------------------
DEMO_QUERY := теңдештирүүчү гранттарды
demo: deps
	$(MAKE) all
	rm -rf izde.db
	$(BINDIR)/izde-index -d izde.db corpus
	$(BINDIR)/izde-search -d izde.db '$(DEMO_QUERY)'

# ---- the stemmer on the gold standard ----------------------------------------
stem-eval: deps
	$(MAKE) $(BINDIR)/kystem
	tests/stem-eval.sh $(BINDIR)/kystem $(SHARED)/eval

# Known-item search with and without the stemmer (bench/known-item.sh; slow,
# not in check): bench/results/known-item.json.
bench-quality: deps
	$(MAKE) all
	SHARED=$(SHARED) bench/known-item.sh

# What the Russian-keyboard terms cost (index size) and buy (MRR).
bench-keyboard: deps
	$(MAKE) all
	bench/keyboard.sh

# izde beside its anchors (bench/bench.py; ~10 min, not in check): one table,
# and bench/results/latest.json.  BENCH_ARGS='--n 2000' for a quick look.
# Then the website's search under load (bench/cgi.sh, ~4 min): izde.cgi by
# CGI and FastCGI beside Omega's CGI in lighttpd, bench/results/cgi.json.
BENCH_ARGS ?=
BENCH_TOOLS := build/bench/xapian-min build/bench/izde-latency build/bench/izde-issue-read
build/bench/xapian-min: bench/tools/xapian-min.cc
	@mkdir -p $(@D)
	$(CXX) -std=c++17 $(WARN) -O2 $(XAPIAN_CXXFLAGS) -o $@ $< $(shell xapian-config --libs)
build/bench/izde-latency: bench/tools/izde-latency.c lib/libizde.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MF build/bench/izde-latency.d -o build/bench/izde-latency.o -c $<
	$(LINK) -o $@ build/bench/izde-latency.o lib/libizde.a $(DEP_LIBS)
# The analyzer alone over text, for callgrind (not run by `make bench`).
build/bench/izde-analyze: bench/tools/izde-analyze.c lib/libizde.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MF build/bench/izde-analyze.d -o build/bench/izde-analyze.o -c $<
	$(LINK) -o $@ build/bench/izde-analyze.o lib/libizde.a $(DEP_LIBS)
build/bench/izde-issue-read: bench/tools/izde-issue-read.c lib/libizde.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MF build/bench/izde-issue-read.d -o build/bench/izde-issue-read.o -c $<
	$(LINK) -o $@ build/bench/izde-issue-read.o lib/libizde.a $(DEP_LIBS)
bench: deps bench-deps
	$(MAKE) all $(BENCH_TOOLS) bin/mkpdf bin/artdump
	python3 bench/bench.py --shared $(SHARED) $(BENCH_ARGS)
	python3 bench/issue_xml.py
	SHARED=$(SHARED) bench/cgi.sh
	bench/lang.sh

# Only the issue XML rows: reading 1, 10, 100 MB issues (time, peak RSS)
# beside xmllint --stream --relaxng, and izde-index on the 100 MB one
# (~3 min): bench/results/issue-xml.json.
bench-xml: deps bench-deps
	$(MAKE) all build/bench/izde-issue-read
	python3 bench/issue_xml.py

# Only the CGI rows (DURATION=60 CONC=8 SLICES=3 by default).
bench-cgi: deps bench-deps
	$(MAKE) all
	SHARED=$(SHARED) bench/cgi.sh

# Packages only the benchmark needs: the anchors (omindex, quest, Omega's CGI:
# xapian-omega; the sqlite3 CLI for FTS5; xmllint: libxml2-utils), GNU time
# (peak RSS), perf (profiling), wrk (HTTP load), poppler-utils (pdftotext,
# the PDF anchor; pdfinfo).
BENCH_PKGS := xapian-omega sqlite3 libxml2-utils time linux-perf wrk poppler-utils
bench-deps:
	@missing=$$(for p in $(BENCH_PKGS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "make bench-deps: installing" $$missing; \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi
# Cross-language search: MRR@10 per query language with and without
# --lang-expand on tests/lang (bench/lang.sh): bench/results/lang.json.
# WEIGHTS="0.3 0.7" also scores builds with other expansion weights.
bench-lang: deps
	$(MAKE) all
	WEIGHTS="$(WEIGHTS)" bench/lang.sh

# ---- dependencies -------------------------------------------------------------
# Debian packages: the compiler and tools (a fresh Debian 12 has only git and
# make), the libraries, Check, xapian-tools (quest, xapian-check for tests),
# python3 (the stemmer scorer in ../shared/eval, JSON checks in the tests),
# valgrind (make check-valgrind); libfcgi-dev (izde.cgi's FastCGI), lighttpd
# and curl (the CGI tests serve izde.cgi for real), python3-html5lib (HTML5
# validity of its pages); libpoppler-glib-dev (the PDF reader), and for the
# PDF tests libcairo2-dev, libpango1.0-dev and fonts-dejavu-core (mkpdf sets
# Kyrgyz text) and qpdf (an encrypted PDF).
DEB_PKGS := gcc g++ make pkg-config libxapian-dev xapian-tools libicu-dev \
	libxml2-dev check python3 valgrind libfcgi-dev lighttpd curl python3-html5lib \
	libpoppler-glib-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core qpdf
# Only `make fuzz` needs these (libFuzzer is in Debian's clang runtime).
FUZZ_DEB_PKGS := clang libclang-rt-dev
deps:
	@missing=$$(for p in $(DEB_PKGS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing" $$missing; \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# ---- install ------------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib \
	  $(DESTDIR)$(PREFIX)/include/izde $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/man/man8 $(DESTDIR)$(PREFIX)/share/izde
	install -m 755 $(PROGS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(LIBA) $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/izde/*.h $(DESTDIR)$(PREFIX)/include/izde/
	install -m 644 man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 man/*.8 $(DESTDIR)$(PREFIX)/share/man/man8/
	install -m 644 searcher/izde.html searcher/izde.css $(DESTDIR)$(PREFIX)/share/izde/
	install -m 644 schema/izde-issue.rng $(DESTDIR)$(PREFIX)/share/izde/

clean:
	rm -rf build bin lib/libizde.a izde.db

.PHONY: bench-keyboard bench-xml all test test-programs check check-build-plain check-build-san check-e2e-san check-e2e-plain check-unit-san check-unit-plain check-browser check-valgrind crash-test fuzz fuzz-build demo stem-eval bench-quality bench bench-lang bench-deps bench-cgi translit-ascii deps install clean

-include $(patsubst %.o,%.d,$(LIB_OBJ) $(INDEX_OBJ) $(SEARCH_OBJ) $(CGI_OBJ) $(TEST_OBJ))
