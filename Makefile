# gupcheck: one non-recursive Makefile for the tool, its tests, the default kernel tree and the benchmarks.

LLVM_CONFIG ?= llvm-config-19
KVER := 6.1
KTREE ?= build/linux-$(KVER)
KTARBALL := /usr/src/linux-source-$(KVER).tar.xz
DB ?= build/linux-$(KVER).db

# Debian packages gupcheck needs; 'make deps' installs whichever are missing.
DEB_PKGS := libclang-19-dev llvm-19-dev coccinelle sparse sqlite3 libsqlite3-dev time bc \
	linux-source-$(KVER) flex bison bc libelf-dev libssl-dev python3

LLVM_PREFIX = $(shell $(LLVM_CONFIG) --prefix 2>/dev/null)
LLVM_VERSION = $(shell $(LLVM_CONFIG) --version 2>/dev/null | cut -d. -f1)
CC ?= cc
CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare
CPPFLAGS += -Ichecker -Idb -Ibuild/gen -I$(LLVM_PREFIX)/include \
	-DCLANG_RESOURCE_INCLUDE='"$(LLVM_PREFIX)/lib/clang/$(LLVM_VERSION)/include"'
LDLIBS += -L$(LLVM_PREFIX)/lib -Wl,-rpath,$(LLVM_PREFIX)/lib -lclang \
	$(shell pkg-config --libs sqlite3 2>/dev/null || echo -lsqlite3) -lpthread

OBJS :=
OBJS += checker/gupcheck.o
OBJS += checker/util.o
OBJS += checker/api.o
OBJS += checker/lex.o
OBJS += checker/tree.o
OBJS += checker/parse.o
OBJS += checker/scan.o
OBJS += checker/facts_cmd.o
OBJS += checker/flow.o
OBJS += checker/plan.o
OBJS += checker/plan_cmd.o
OBJS += checker/convert.o
OBJS += checker/checks.o
OBJS += checker/check_wrong_release.o
OBJS += checker/check_mixed_release.o
OBJS += checker/check_unreleased.o
OBJS += checker/check_unchecked_result.o
OBJS += checker/check_longterm_missing.o
OBJS += checker/check_longterm_get.o
OBJS += checker/check_foll_pin.o
OBJS += checker/check_foll_get.o
OBJS += checker/check_write_literal.o
OBJS += checker/check_longterm_api.o
OBJS += checker/check_dirty_unlocked.o
OBJS += checker/check_bio_unreleased.o
OBJS += checker/check_bio_mixed_kinds.o
OBJS += checker/check_bio_merge_leak.o
OBJS += db/db.o

.PHONY: all deps tree demo check kernel-test check-fixtures check-linux bench clean
.DELETE_ON_ERROR:

all: checker/gupcheck

checker/gupcheck: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(OBJS): | build/.deps-ok
$(OBJS): checker/*.h db/db.h
db/db.o: build/gen/schema.h

%.o: %.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# The schema and index SQL, compiled in as C strings.
build/gen/schema.h: db/schema.sql db/indexes.sql
	@mkdir -p $(@D)
	{ echo '/* Generated from db/schema.sql and db/indexes.sql by the Makefile. */'; \
	  echo '#define SCHEMA_SQL \'; sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n" \\/' db/schema.sql; echo '""'; \
	  echo '#define INDEXES_SQL \'; sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n" \\/' db/indexes.sql; echo '""'; \
	} > $@

# Install the Debian packages that are missing (apt-get as root; 'apt-get update' first).
deps: build/.deps-ok
build/.deps-ok:
	@mkdir -p build
	@missing=$$(for p in $(DEB_PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
		grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "gupcheck: installing $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null \
			|| { echo "gupcheck: could not install: $$missing" >&2; exit 2; }; \
	fi
	@touch $@

# The default kernel tree: Debian's linux-source-6.1, unpacked and configured (allmodconfig + prepare).
# Each step leaves a stamp; a half-finished unpack has no stamp and is redone.
tree: $(KTREE)/.gupcheck-configured
$(KTREE)/.gupcheck-unpacked: | build/.deps-ok
	rm -rf $(KTREE) $(KTREE).tmp
	mkdir -p $(KTREE).tmp
	tar -xJf $(KTARBALL) -C $(KTREE).tmp --strip-components=1
	touch $(KTREE).tmp/.gupcheck-unpacked
	mv $(KTREE).tmp $(KTREE)
$(KTREE)/.gupcheck-configured: $(KTREE)/.gupcheck-unpacked
	$(MAKE) -s -C $(KTREE) allmodconfig >/dev/null
	$(MAKE) -s -C $(KTREE) -j$$(nproc) prepare >/dev/null
	touch $@

# The main job on linux-6.1: the census and plan database, the plan and the bio completion reports
# (exit 1 = findings).
REPORTS := reports/linux-$(KVER)
# The identity of the committed linux-6.1 series (gupcheck convert otherwise asks git config).
SIGNOFF ?= gupcheck <gupcheck@users.noreply.github.com>
demo: checker/gupcheck tree
	./checker/gupcheck scan $(KTREE) -o $(DB)
	@mkdir -p $(REPORTS)
	./checker/gupcheck plan $(DB) >$(REPORTS)/plan.txt.tmp; test $$? -le 1
	@mv $(REPORTS)/plan.txt.tmp $(REPORTS)/plan.txt
	./checker/gupcheck end-io $(DB) >$(REPORTS)/end_io.txt.tmp; test $$? -le 1
	@mv $(REPORTS)/end_io.txt.tmp $(REPORTS)/end_io.txt
	@rm -rf $(REPORTS)/patches.tmp
	./checker/gupcheck convert $(KTREE) --db $(DB) -o $(REPORTS)/patches.tmp --signoff '$(SIGNOFF)'
	@rm -rf $(REPORTS)/patches && mv $(REPORTS)/patches.tmp $(REPORTS)/patches
	@head -1 $(REPORTS)/plan.txt

check: checker/gupcheck tree
	@tests/run

# kernel-patches/linux-6.1 on a pristine linux-source-6.1: apply, build for x86_64 allmodconfig,
# KUnit under UML, then gupcheck on the patched tree (tests/kernel-test, in build/kernel-test).
kernel-test: checker/gupcheck | build/.deps-ok
	@tests/kernel-test

bench: checker/gupcheck tree
	@tests/bench $(KTREE)

clean:
	rm -f $(OBJS) checker/gupcheck build/gen/schema.h build/.deps-ok
