# SPDX-License-Identifier: GPL-2.0-only
# Top-level build: the hypervisor (xen/), the toolstack (tools/), the tests,
# running under QEMU, installing and packaging.
#
# Targets
#   all (default)  build xen; also the tools once ./configure has been run
#   xen            build xen/xen (multiboot1 ELF), xen/xen.gz and xen/xen-syms
#   tools          build the toolstack (needs ./configure)
#   test           build xen, run the unit and boot tests; the last line is
#                  "N passed, N failed" over both suites
#   run            boot xen/xen under QEMU with Debian's kernel as dom0 and a
#                  busybox shell on this terminal (fetched with apt-get
#                  download); 'poweroff -f' in dom0 or Ctrl-C ends it,
#                  Ctrl-A three times switches input to the debug keys
#   bench          build xen, then time Debian's Linux 6.1 booting to its
#                  userspace as our dom0, as real Xen 4.17's dom0 and bare
#                  (scripts/bench-dom0; not part of `test`)
#   deps           apt-get install everything the build and tests need
#   install        hypervisor to $(BOOT_DIR), symbols to $(DEBUG_DIR), public
#                  headers to $(includedir)/xen, tools when configured
#   dist           dist/$(PROJECT_NAME)-$(PROJECT_VERSION).tar.gz of the sources
#   clean          remove build output
#   distclean      also remove configure's output, ./configure and dist/
#
# Variables (make VAR=value ...)
#   SMP=2 MEM=2048        vCPUs and MiB of guest RAM for `make run`, `bench`
#   XEN_ARGS=             extra hypervisor command line for `make run`, `bench`
#   DOM0_MEM=512M DOM0_ARGS=   dom0's memory and extra kernel command line
#   DOM0=0                `make run` without a dom0 (the hypervisor idles)
#   BENCH_RUNS=3          boots of each kind for `make bench` (more knobs in
#                         scripts/bench-dom0)
#   QEMU=qemu-system-x86_64, QEMU_EXTRA=   emulator and extra arguments
#   UNIT_TIMEOUT=1800 BOOT_TIMEOUT=7200    seconds before `make test` gives
#                         up on a suite (boot tests also limit each test, see
#                         BOOT_TEST_LIMIT in tests/boot/run-all)
#   DESTDIR= prefix=/usr/local   staging root and prefix for `make install`
#                         (prefix defaults to what ./configure --prefix chose)
#   BOOT_DIR=/boot DEBUG_DIR=/usr/lib/debug   where the hypervisor goes
#   CROSS_COMPILE CC LD OBJCOPY HOSTCC debug  toolchain, see Config.mk

XEN_ROOT := $(CURDIR)
-include $(XEN_ROOT)/config/Tools.mk
include $(XEN_ROOT)/Config.mk

SMP          ?= 2
MEM          ?= 2048
XEN_ARGS     ?=
DOM0_MEM     ?= 512M
DOM0_ARGS    ?=
DOM0         ?= 1
QEMU         ?= qemu-system-x86_64
QEMU_EXTRA   ?=
UNIT_TIMEOUT ?= 1800
BOOT_TIMEOUT ?= 7200

DIST_NAME    := $(PROJECT_NAME)-$(PROJECT_VERSION)

DEPS_PKGS := build-essential python3 qemu-system-x86 grub-pc-bin grub-common \
	xorriso mtools libcmocka-dev autoconf pkg-config libyajl-dev \
	libxml2-dev uuid-dev zlib1g-dev cpio bochs bochsbios vgabios

QEMU_CPU  := EPYC,+svm,+npt,-monitor,-rdtscp,-avx,-avx2

.PHONY: all xen tools tools-configured test run bench qemu-check deps \
	install install-xen install-headers install-tools dist clean distclean

all: xen $(if $(filter y,$(CONFIG_TOOLS)),tools)
ifeq ($(CONFIG_TOOLS),)
	@echo "Built the hypervisor only; for the tools: ./configure && make tools"
endif

xen:
	@if [ ! -f xen/Makefile ]; then \
	    echo "error: xen/Makefile is missing; the hypervisor cannot be built" >&2; \
	    exit 1; \
	fi
	$(MAKE) -C xen

# ---- toolstack --------------------------------------------------------------

configure: configure.ac $(wildcard m4/*.m4)
	./autogen.sh

# Builds ./configure if needed, insists it has been run, and refreshes
# config/Tools.mk when configure or its template changed since.
tools-configured: configure
	@if [ ! -f config/Tools.mk ] || [ ! -f config.status ]; then \
	    echo "error: the tools are not configured: run ./configure first" >&2; \
	    echo "       (./configure checks for the libraries the tools need)" >&2; \
	    exit 1; \
	fi
	@if [ configure -nt config.status ]; then ./config.status --recheck; fi
	@if [ config.status -nt config/Tools.mk ] || \
	    [ config/Tools.mk.in -nt config/Tools.mk ]; then ./config.status; fi

tools: tools-configured
	@if grep -q '^CONFIG_TOOLS *:= *n' config/Tools.mk; then \
	    echo "tools: disabled by ./configure --disable-tools"; \
	else \
	    $(MAKE) -C tools all; \
	fi

# ---- tests ------------------------------------------------------------------

# scripts/run-tests runs each suite (style, unit, boot, guests), keeps its log
# in build/test/<suite>.log and sums the counts into the last line.

test:
	@MAKE="$(MAKE)" UNIT_TIMEOUT=$(UNIT_TIMEOUT) BOOT_TIMEOUT=$(BOOT_TIMEOUT) scripts/run-tests

# ---- running under QEMU -----------------------------------------------------

qemu-check:
	@if ! command -v $(QEMU) >/dev/null 2>&1; then \
	    if [ "$(QEMU)" != qemu-system-x86_64 ]; then \
	        echo "error: $(QEMU) not found" >&2; exit 1; \
	    elif [ "$$(id -u)" = 0 ]; then \
	        echo "$(QEMU) not found; installing qemu-system-x86"; \
	        DEBIAN_FRONTEND=noninteractive apt-get install -y qemu-system-x86; \
	    else \
	        echo "error: $(QEMU) not found; install it with:" >&2; \
	        echo "    sudo apt-get install -y qemu-system-x86" >&2; \
	        exit 1; \
	    fi; \
	fi

RUN_DIR := build/run

run: xen qemu-check
ifeq ($(DOM0),0)
	$(QEMU) -machine q35 -cpu $(QEMU_CPU) -smp $(SMP) -m $(MEM) \
	    -display none -serial stdio -monitor none -no-reboot $(QEMU_EXTRA) \
	    -kernel xen/xen -append "console=com1 com1=115200,8n1 $(XEN_ARGS)"
else
	@mkdir -p $(RUN_DIR)
	@[ -f $(RUN_DIR)/disk.img ] || truncate -s 64M $(RUN_DIR)/disk.img
	kernel=$$(scripts/debian-dom0.sh scripts/dom0-shell.sh $(RUN_DIR)/initrd.gz) && \
	$(QEMU) -machine q35 -cpu $(QEMU_CPU) -smp $(SMP) -m $(MEM) \
	    -display none -serial stdio -monitor none -no-reboot \
	    -drive file=$(RUN_DIR)/disk.img,if=virtio,format=raw \
	    -nic user,model=virtio-net-pci $(QEMU_EXTRA) \
	    -kernel xen/xen \
	    -append "console=com1 com1=115200,8n1 dom0_mem=$(DOM0_MEM) $(XEN_ARGS)" \
	    -initrd "$$kernel console=hvc0 $(DOM0_ARGS),$(RUN_DIR)/initrd.gz"
endif

# Times from QEMU start to the dom0 initramfs's userspace marker; fetches
# Debian's kernel, busybox and Xen into build/ on first use.
bench: xen qemu-check
	QEMU="$(QEMU)" QEMU_CPU="$(QEMU_CPU)" SMP=$(SMP) MEM=$(MEM) \
	    BENCH_XEN_ARGS="$(XEN_ARGS)" scripts/bench-dom0

# ---- dependencies -----------------------------------------------------------

deps:
	@if [ "$$(id -u)" = 0 ]; then sudo=; \
	elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	else \
	    echo "error: not root and no sudo; as root run:" >&2; \
	    echo "    apt-get install -y $(DEPS_PKGS)" >&2; \
	    exit 1; \
	fi; \
	set -x; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y $(DEPS_PKGS) || \
	{ $$sudo apt-get update && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y $(DEPS_PKGS); }
	@if [ ! -f configure ]; then ./autogen.sh; fi

# ---- install ----------------------------------------------------------------

install: install-xen install-headers $(if $(filter y,$(CONFIG_TOOLS)),install-tools)

# Named the way Debian and upstream Xen do: a versioned image plus a plain
# xen.gz link for boot loader entries that do not track versions.
install-xen: xen
	$(INSTALL) -d $(DESTDIR)$(BOOT_DIR) $(DESTDIR)$(DEBUG_DIR)
	$(INSTALL) -m 0644 xen/xen.gz $(DESTDIR)$(BOOT_DIR)/xen-$(XEN_VERSION).gz
	ln -sf xen-$(XEN_VERSION).gz $(DESTDIR)$(BOOT_DIR)/xen.gz
	$(INSTALL) -m 0644 xen/xen-syms $(DESTDIR)$(DEBUG_DIR)/xen-syms-$(XEN_VERSION)

install-headers:
	$(INSTALL) -d $(DESTDIR)$(includedir)/xen
	cd xen/include/public && \
	for f in $$(find . -name '*.h' | sort) COPYING; do \
	    [ -f "$$f" ] || continue; \
	    $(INSTALL) -D -m 0644 "$$f" "$(DESTDIR)$(includedir)/xen/$$f" || exit 1; \
	done

install-tools: tools
	$(MAKE) -C tools install

# ---- packaging and cleaning -------------------------------------------------

# Tracked files at HEAD when this is a git checkout (uncommitted changes are
# left out, with a warning); otherwise the directory minus what .gitignore
# names (read as tar exclude patterns).
dist:
	@mkdir -p dist
	@if [ "$$(git rev-parse --show-toplevel 2>/dev/null)" = "$(CURDIR)" ] && \
	    git rev-parse -q --verify HEAD >/dev/null; then \
	    if [ -n "$$(GIT_OPTIONAL_LOCKS=0 git status --porcelain -uno)" ]; then \
	        echo "warning: uncommitted changes are not in the tarball"; \
	    fi; \
	    git archive --format=tar.gz --prefix=$(DIST_NAME)/ \
	        -o dist/$(DIST_NAME).tar.gz HEAD; \
	else \
	    sed -n -e '/^[#!]/d' -e 's,^/,./,' -e 's,/$$,,' -e '/./p' .gitignore \
	        >dist/.exclude; \
	    tar -czf dist/$(DIST_NAME).tar.gz --exclude-vcs --exclude=./dist \
	        --exclude-from=dist/.exclude --transform 's,^\.,$(DIST_NAME),' .; \
	    rm -f dist/.exclude; \
	fi
	@echo "dist/$(DIST_NAME).tar.gz"

clean:
	if [ -f xen/Makefile ]; then $(MAKE) -C xen clean; fi
	$(MAKE) -C tests/unit clean
	if [ -f tests/boot/Makefile ]; then $(MAKE) -C tests/boot clean; fi
	$(MAKE) -C tools clean
	rm -rf build

distclean: clean
	$(MAKE) -C tools distclean
	rm -rf dist autom4te.cache config.log config.status config/Tools.mk \
	    configure configure~
