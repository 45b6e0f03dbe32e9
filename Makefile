# gupcheck: one non-recursive Makefile for the tool, its tests, the default kernel tree and the benchmarks.

LLVM_CONFIG ?= llvm-config-19
KVER := 6.1
KTREE ?= build/linux-$(KVER)
KTARBALL := /usr/src/linux-source-$(KVER).tar.xz
DB ?= build/linux-$(KVER).db

# Debian packages, by what needs them; 'make deps' installs whichever are missing.  The C build
# needs only the compiler's: the test tools and the kernel tree's build dependencies come later.
BUILD_PKGS := libclang-19-dev llvm-19-dev libsqlite3-dev
TOOL_PKGS := coccinelle sparse sqlite3 time bc python3 python3-jsonschema
KERNEL_PKGS := linux-source-$(KVER) flex bison bc libelf-dev libssl-dev
# Debian's cross compilers, for the build folders of make demo-arches only.
CROSS_PKGS := gcc-aarch64-linux-gnu gcc-powerpc64le-linux-gnu gcc-s390x-linux-gnu \
	gcc-sparc64-linux-gnu gcc-sh4-linux-gnu

LLVM_PREFIX = $(shell $(LLVM_CONFIG) --prefix 2>/dev/null)
LLVM_VERSION = $(shell $(LLVM_CONFIG) --version 2>/dev/null | cut -d. -f1)
CC ?= cc
CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 -Wall -Wextra
CPPFLAGS += -Ichecker -Idb -Ibuild/gen -I$(LLVM_PREFIX)/include \
	-DCLANG_RESOURCE_INCLUDE='"$(LLVM_PREFIX)/lib/clang/$(LLVM_VERSION)/include"'
LDLIBS += -L$(LLVM_PREFIX)/lib -Wl,-rpath,$(LLVM_PREFIX)/lib -lclang \
	$(shell pkg-config --libs sqlite3 2>/dev/null || echo -lsqlite3) -lpthread

# Every .c file of checker/ and db/ is part of the program: a new check is a new check_NAME.c.
OBJS := $(patsubst %.c,%.o,$(sort $(wildcard checker/*.c db/*.c)))

.PHONY: all deps tree tree-arches demo demo-arches check check-fixtures check-linux kernel-test bench mutants clean FORCE
.DELETE_ON_ERROR:

all: checker/gupcheck

checker/gupcheck: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(OBJS): | build/.deps-build
$(OBJS): | build/gen/schema.h build/gen/version.h

# Header dependencies, found by the compiler (-MMD -MP: a removed header is not an error).
%.o: %.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<
-include $(OBJS:.o=.d)

# The schema and index SQL, compiled in as C strings, and the one schema version: the
# "PRAGMA user_version = N" line of db/schema.sql.
build/gen/schema.h: db/schema.sql db/indexes.sql Makefile
	@mkdir -p $(@D)
	{ echo '/* Generated from db/schema.sql and db/indexes.sql by the Makefile. */'; \
	  echo "#define SCHEMA_VERSION $$(sed -n 's/^PRAGMA user_version = \([0-9]*\);$$/\1/p' db/schema.sql)"; \
	  echo '#define SCHEMA_SQL \'; sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n" \\/' db/schema.sql; echo '""'; \
	  echo '#define INDEXES_SQL \'; sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n" \\/' db/indexes.sql; echo '""'; \
	} > $@
	@grep -q '^#define SCHEMA_VERSION [0-9]' $@ || { echo "db/schema.sql: no 'PRAGMA user_version = N;' line" >&2; exit 2; }

# The version gupcheck --version prints: git describe of this checkout, rewritten only when it
# changes (the header dependencies then rebuild what prints it).
build/gen/version.h: FORCE
	@mkdir -p $(@D)
	@v="#define GUPCHECK_VERSION \"$$(git describe --always --dirty 2>/dev/null || echo unknown)\""; \
	[ "$$(cat $@ 2>/dev/null)" = "$$v" ] || echo "$$v" >$@
FORCE:

# Install the Debian packages that are missing (apt-get as root; 'apt-get update' first), one
# stamp per group.
define deps_rule
build/.deps-$(1):
	@mkdir -p build
	@missing=$$$$(for p in $(2); do dpkg-query -W -f='$$$${Status}\n' $$$$p 2>/dev/null | \
		grep -q '^install ok installed' || echo $$$$p; done); \
	if [ -n "$$$$missing" ]; then \
		echo "gupcheck: installing $$$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$$$missing >/dev/null \
			|| { echo "gupcheck: could not install: $$$$missing" >&2; exit 2; }; \
	fi
	@touch $$@
endef
$(eval $(call deps_rule,build,$(BUILD_PKGS)))
$(eval $(call deps_rule,tools,$(TOOL_PKGS)))
$(eval $(call deps_rule,kernel,$(KERNEL_PKGS)))
$(eval $(call deps_rule,cross,$(CROSS_PKGS)))
deps: build/.deps-build build/.deps-tools build/.deps-kernel build/.deps-cross

# The default kernel tree: Debian's linux-source-6.1, unpacked and configured (allmodconfig + prepare).
# Each step leaves a stamp; a half-finished unpack has no stamp and is redone.
tree: $(KTREE)/.gupcheck-configured
$(KTREE)/.gupcheck-unpacked: | build/.deps-kernel
	rm -rf $(KTREE) $(KTREE).tmp
	mkdir -p $(KTREE).tmp
	tar -xJf $(KTARBALL) -C $(KTREE).tmp --strip-components=1
	touch $(KTREE).tmp/.gupcheck-unpacked
	mv $(KTREE).tmp $(KTREE)
$(KTREE)/.gupcheck-configured: $(KTREE)/.gupcheck-unpacked
	$(MAKE) -s -C $(KTREE) allmodconfig >/dev/null
	$(MAKE) -s -C $(KTREE) -j$$(nproc) prepare >/dev/null
	touch $@

# Every architecture (make demo-arches): a clean copy of the same source (kbuild's O= builds need
# one: no configuration in place), and one build folder per configuration, NAME:ARCH:TARGET:CROSS,
# each configured by TARGET (allmodconfig, or the ARCH's own variant) and 'make prepare' with
# Debian's cross compiler.  sh's folder is configured too: clang has no SuperH target, and the
# scan says so for the files only it builds.
KSRC := build/linux-$(KVER)-src
KBUILDS := build/linux-$(KVER)-o
ARCH_BUILDS := x86:x86:allmodconfig: \
	powerpc:powerpc:ppc64le_allmodconfig:powerpc64le-linux-gnu- \
	powerpc-book3e:powerpc:ppc64_book3e_allmodconfig:powerpc64le-linux-gnu- \
	powerpc32:powerpc:ppc32_allmodconfig:powerpc64le-linux-gnu- \
	arm64:arm64:allmodconfig:aarch64-linux-gnu- \
	s390:s390:allmodconfig:s390x-linux-gnu- \
	sparc64:sparc64:allmodconfig:sparc64-linux-gnu- \
	sh:sh:allmodconfig:sh4-linux-gnu-
ARCH_DIRS := $(foreach b,$(ARCH_BUILDS),$(KBUILDS)/$(word 1,$(subst :, ,$(b))))
ARCHES_DB ?= build/linux-$(KVER)-arches.db
$(KSRC)/.gupcheck-unpacked: | build/.deps-kernel
	rm -rf $(KSRC) $(KSRC).tmp
	mkdir -p $(KSRC).tmp
	tar -xJf $(KTARBALL) -C $(KSRC).tmp --strip-components=1
	touch $(KSRC).tmp/.gupcheck-unpacked
	mv $(KSRC).tmp $(KSRC)
# A folder whose 'make prepare' fails is kept with what it made (v5.x objtool, say): the scan
# checks for the generated headers it needs, not for prepare's status.
define arch_rule
$(KBUILDS)/$(1)/.gupcheck-configured: $(KSRC)/.gupcheck-unpacked | build/.deps-cross
	rm -rf $(KBUILDS)/$(1) && mkdir -p $(KBUILDS)/$(1)
	$$(MAKE) -s -C $(KSRC) O=$$(abspath $(KBUILDS)/$(1)) ARCH=$(2) CROSS_COMPILE=$(4) $(3) >/dev/null
	$$(MAKE) -s -C $(KSRC) O=$$(abspath $(KBUILDS)/$(1)) ARCH=$(2) CROSS_COMPILE=$(4) -j$$$$(nproc) prepare >$(KBUILDS)/$(1)/prepare.log 2>&1 || \
		echo "gupcheck: $(KBUILDS)/$(1): make prepare failed (see prepare.log); scanning with what it made"
	touch $$@
endef
$(foreach b,$(ARCH_BUILDS),$(eval $(call arch_rule,$(word 1,$(subst :, ,$(b))),$(word 2,$(subst :, ,$(b))),$(word 3,$(subst :, ,$(b))),$(word 4,$(subst :, ,$(b))))))
tree-arches: $(addsuffix /.gupcheck-configured,$(ARCH_DIRS))
demo-arches: checker/gupcheck tree-arches | build/.deps-tools
	./checker/gupcheck scan $(KSRC) $(foreach d,$(ARCH_DIRS),--build $(d)) -o $(ARCHES_DB)
	@mkdir -p $(REPORTS)
	./checker/gupcheck plan $(ARCHES_DB) >$(REPORTS)/plan-arches.txt.tmp; test $$? -le 1
	@mv $(REPORTS)/plan-arches.txt.tmp $(REPORTS)/plan-arches.txt
	@head -1 $(REPORTS)/plan-arches.txt

# The main job on linux-6.1: the census and plan database, the plan and the bio completion reports
# (exit 1 = findings).
REPORTS := reports/linux-$(KVER)
# The identity of the committed linux-6.1 series (gupcheck convert otherwise asks git config).
SIGNOFF ?= gupcheck <gupcheck@users.noreply.github.com>
demo: checker/gupcheck tree | build/.deps-tools
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

# Every suite; the fixture suites alone need no kernel tree.
check: checker/gupcheck tree $(KBUILDS)/x86/.gupcheck-configured $(KBUILDS)/powerpc/.gupcheck-configured | build/.deps-tools
	@tests/run
check-fixtures: checker/gupcheck | build/.deps-tools
	@tests/run fixtures plan cocci cli db hostile dialect cache gate arches report mutants
check-linux: checker/gupcheck tree $(KBUILDS)/x86/.gupcheck-configured $(KBUILDS)/powerpc/.gupcheck-configured | build/.deps-tools
	@tests/run linux kbuild report gate_linux arches_linux

# kernel-patches/linux-6.1 on a pristine linux-source-6.1: apply, build for x86_64 allmodconfig,
# KUnit under UML, then gupcheck on the patched tree (tests/kernel-test, in build/kernel-test).
kernel-test: checker/gupcheck | build/.deps-tools build/.deps-kernel
	@tests/kernel-test

bench: checker/gupcheck tree tree-arches | build/.deps-tools
	@tests/bench $(KTREE) $(KSRC) $(ARCH_DIRS)

# The seeded-bug run (issue 15): wrong-kind GUP calls at the tree's pin sites, one a file, in a
# hard-linked copy at a fixed temporary path (removed after), whose scan $(KTREE)-mutants.db keeps
# as the next run's facts cache (tests/mutants).
MUTANTS_WORK ?= $(or $(TMPDIR),/tmp)/gupcheck-mutants
mutants: checker/gupcheck tree | build/.deps-tools
	@tests/mutants $(KTREE) --work $(MUTANTS_WORK) --db $(KTREE)-mutants.db

clean:
	rm -f $(OBJS) $(OBJS:.o=.d) checker/gupcheck build/gen/schema.h build/gen/version.h build/.deps-*
