# SPDX-License-Identifier: GPL-2.0-only
# Included by each library's Makefile after it sets LIB (e.g. libxencall) and
# OBJS: builds $(LIB).a against the public headers (tools/include/xen) and
# every library's include/ directory.

include $(XEN_ROOT)/tools/Rules.mk

CPPFLAGS += -I$(XEN_ROOT)/tools/include $(addprefix -I,$(wildcard $(XEN_ROOT)/tools/libs/*/include))
CFLAGS   += -Werror

all: $(LIB).a

$(LIB).a: $(OBJS)
	$(AR) rcs $@ $^

%.o: %.c $(wildcard include/*.h *.h)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

clean: clean-lib
clean-lib:
	rm -f $(LIB).a $(OBJS)

.PHONY: clean-lib
