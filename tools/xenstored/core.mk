# SPDX-License-Identifier: GPL-2.0-only
# The pure core of xenstored, built into the daemon and into the host unit
# tests (tests/unit/test_xs_*.mk). Names are relative to this directory.
XSD_CORE_SRCS := conn.c control.c domain.c hash.c node.c nodeops.c path.c \
	perms.c protocol.c quota.c store.c transaction.c tree.c watch.c
