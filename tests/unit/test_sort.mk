TESTS += test_sort
test_sort_SRCS := xen/lib/sort.c
