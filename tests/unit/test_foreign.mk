TESTS += test_foreign
test_foreign_SRCS := xen/common/foreign_map.c xen/arch/x86/mm/p2m.c xen/arch/x86/mm/p2m-npt.c \
	xen/common/page_alloc.c tests/unit/env/host_guest_copy.c tests/unit/env/foreign_env.c
