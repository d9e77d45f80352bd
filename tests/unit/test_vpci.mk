TESTS += test_vpci
test_vpci_SRCS := xen/arch/x86/hvm/vpci.c
