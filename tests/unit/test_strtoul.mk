TESTS += test_strtoul
test_strtoul_SRCS := xen/lib/strtoul.c
