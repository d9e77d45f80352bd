TESTS += test_rangeset
test_rangeset_SRCS := xen/common/rangeset.c xen/lib/string.c tests/unit/env/host_xmalloc.c
test_rangeset_SRCS_CFLAGS := -include host_rename.h
