TESTS += test_param
test_param_SRCS := xen/common/param.c xen/lib/strtoul.c xen/lib/string.c
test_param_SRCS_CFLAGS := -include host_rename.h
