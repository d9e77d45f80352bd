TESTS += test_gnttab
test_gnttab_SRCS := xen/common/grant_table.c tests/unit/env/host_xmalloc.c tests/unit/env/host_guest_copy.c \
	tests/unit/env/gnttab_env.c
