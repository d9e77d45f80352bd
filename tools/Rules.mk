# SPDX-License-Identifier: GPL-2.0-only
# Common settings for every toolstack Makefile. Each one sets XEN_ROOT and
# SUBDIRS (directories to recurse into, possibly empty), then includes this.
# It provides all/install/clean/distclean recursion over SUBDIRS; a directory
# that builds something adds its own prerequisites to those targets.

-include $(XEN_ROOT)/config/Tools.mk
include $(XEN_ROOT)/Config.mk

# Use the compiler and flags ./configure tested.
ifneq ($(TOOLS_CC),)
CC := $(TOOLS_CC)
endif
CPPFLAGS += $(TOOLS_CPPFLAGS)
CFLAGS   ?= $(TOOLS_CFLAGS)
CFLAGS   += -std=gnu11 -Wall -Wextra -D__XEN_TOOLS__
LDFLAGS  += $(TOOLS_LDFLAGS)

all:     subdirs-all
install: subdirs-install
clean:   subdirs-clean
distclean: subdirs-distclean

subdirs-%:
	@set -e; for d in $(SUBDIRS); do $(MAKE) -C $$d $*; done

.PHONY: all install clean distclean
