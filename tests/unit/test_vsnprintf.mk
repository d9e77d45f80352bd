TESTS += test_vsnprintf
test_vsnprintf_SRCS := xen/lib/vsnprintf.c xen/lib/string.c
test_vsnprintf_SRCS_CFLAGS := -include host_rename.h
