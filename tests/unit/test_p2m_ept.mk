TESTS += test_p2m_ept
test_p2m_ept_SRCS := xen/arch/x86/mm/p2m.c xen/arch/x86/mm/p2m-ept.c xen/common/page_alloc.c
