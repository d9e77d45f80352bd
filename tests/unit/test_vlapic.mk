TESTS += test_vlapic
test_vlapic_SRCS := xen/arch/x86/hvm/vlapic.c
