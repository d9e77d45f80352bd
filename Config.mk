# SPDX-License-Identifier: GPL-2.0-only
# Settings shared by every Makefile in the tree: versions, toolchain and
# install locations. Include it as `include $(XEN_ROOT)/Config.mk`; every
# value here can be overridden on the make command line or in the environment.

# The tree root, worked out from where this file lives unless already set.
ifeq ($(origin XEN_ROOT),undefined)
XEN_ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
endif

# The Xen release whose ABI we implement, and our own name for the banner.
# Upstream's xen/Makefile splits this as XEN_VERSION=4 XEN_SUBVERSION=17;
# here XEN_VERSION is the "4.17" used in installed file names.
XEN_MAJOR         := 4
XEN_MINOR         := 17
XEN_EXTRAVERSION  ?= .0
XEN_VERSION       := $(XEN_MAJOR).$(XEN_MINOR)
XEN_FULLVERSION   := $(XEN_VERSION)$(XEN_EXTRAVERSION)
PROJECT_NAME      := nimbus
PROJECT_VERSION   := 0.1
PROJECT_BANNER    := $(PROJECT_NAME) $(PROJECT_VERSION) (Xen $(XEN_FULLVERSION) ABI)

# Only x86_64 is supported; the name matches what Xen users pass.
XEN_TARGET_ARCH   ?= x86_64
debug             ?= n

# Toolchain for the hypervisor. make's built-in defaults (cc, ld, ...) are
# replaced; values from the command line or environment are kept.
CROSS_COMPILE     ?=
ifeq ($(origin CC),default)
CC                := $(CROSS_COMPILE)gcc
endif
ifeq ($(origin LD),default)
LD                := $(CROSS_COMPILE)ld
endif
ifeq ($(origin AS),default)
AS                := $(CROSS_COMPILE)as
endif
ifeq ($(origin AR),default)
AR                := $(CROSS_COMPILE)ar
endif
OBJCOPY           ?= $(CROSS_COMPILE)objcopy
OBJDUMP           ?= $(CROSS_COMPILE)objdump
NM                ?= $(CROSS_COMPILE)nm
STRIP             ?= $(CROSS_COMPILE)strip

# Programs run on the build machine itself.
HOSTCC            ?= gcc
HOSTCFLAGS        ?= -O2 -Wall -Wextra
PYTHON            ?= python3
INSTALL           ?= install

# Install locations. ./configure --prefix sets prefix through config/Tools.mk.
DESTDIR           ?=
prefix            ?= /usr/local
exec_prefix       ?= $(prefix)
bindir            ?= $(exec_prefix)/bin
sbindir           ?= $(exec_prefix)/sbin
libdir            ?= $(exec_prefix)/lib
includedir        ?= $(prefix)/include
BOOT_DIR          ?= /boot
DEBUG_DIR         ?= /usr/lib/debug
