TESTS += test_platform
test_platform_SRCS := xen/arch/x86/platform_op.c xen/arch/x86/physdev.c \
	tests/unit/env/host_guest_copy.c
