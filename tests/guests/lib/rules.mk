# SPDX-License-Identifier: GPL-2.0-only
# Included by tests/guests/<name>/Makefile once it has set NAME and
# GUEST_TYPES: builds the ELF64 test kernel build/<name> from the test's
# SRCS (default main.c; .c and .S files) and the library. Objects go to
# build/obj/<name>/.

GUESTS := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
LIB := $(GUESTS)/lib
OUT := $(GUESTS)/build
OBJ := $(OUT)/obj/$(NAME)

CC ?= gcc
LD ?= ld
CFLAGS := -std=gnu11 -O2 -g -m64 -ffreestanding -fno-pic -fno-pie \
          -fno-stack-protector -fno-asynchronous-unwind-tables \
          -mno-red-zone -mgeneral-regs-only -mcmodel=small \
          -Wall -Wextra -Werror -I$(LIB) -DTEST_NAME='"$(NAME)"' -MMD -MP
LDFLAGS := -nostdlib -static -m elf_x86_64 -z max-page-size=4096 \
           --build-id=none --no-warn-rwx-segments -T $(LIB)/link.ld

LIB_OBJS := head.o setup.o report.o printf.o string.o vcpu.o
SRCS ?= main.c
OBJS := $(addprefix $(OBJ)/,$(patsubst %.S,%.o,$(SRCS:.c=.o))) $(addprefix $(OBJ)/lib/,$(LIB_OBJS))

$(OUT)/$(NAME): $(OBJS) $(LIB)/link.ld
	$(LD) $(LDFLAGS) -o $@ $(OBJS)

$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(OBJ)/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(OBJ)/lib/%.o: $(LIB)/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(OBJ)/lib/%.o: $(LIB)/%.S
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

.PHONY: clean
clean:
	rm -rf $(OBJ) $(OUT)/$(NAME)

-include $(OBJS:.o=.d)
