TESTS += test_vpci
test_vpci_SRCS := xen/arch/x86/hvm/vpci.c xen/arch/x86/hvm/vpci_msi.c \
	xen/arch/x86/hvm/vpci_msix.c tests/unit/env/host_xmalloc.c
