TESTS += test_page_alloc
test_page_alloc_SRCS := xen/common/page_alloc.c
