TESTS += test_gnttab
test_gnttab_SRCS := xen/common/grant_table.c xen/common/grant_map.c tests/unit/env/host_xmalloc.c tests/unit/env/host_guest_copy.c \
	tests/unit/env/gnttab_env.c
