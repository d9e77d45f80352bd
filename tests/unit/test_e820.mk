TESTS += test_e820
test_e820_SRCS := xen/arch/x86/e820.c xen/lib/sort.c
