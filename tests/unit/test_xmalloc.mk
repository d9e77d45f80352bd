TESTS += test_xmalloc
test_xmalloc_SRCS := xen/common/xmalloc.c xen/common/page_alloc.c
