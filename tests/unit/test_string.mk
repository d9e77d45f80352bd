TESTS += test_string
test_string_SRCS := xen/lib/string.c
test_string_SRCS_CFLAGS := -include host_rename.h
