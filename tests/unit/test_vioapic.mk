TESTS += test_vioapic
test_vioapic_SRCS := xen/arch/x86/hvm/vioapic.c
