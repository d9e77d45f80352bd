TESTS += test_p2m
test_p2m_SRCS := xen/arch/x86/mm/p2m.c xen/arch/x86/mm/p2m-npt.c xen/common/page_alloc.c
