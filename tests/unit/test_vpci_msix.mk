TESTS += test_vpci_msix
test_vpci_msix_SRCS := xen/arch/x86/hvm/vpci.c xen/arch/x86/hvm/vpci_msi.c \
	xen/arch/x86/hvm/vpci_msix.c tests/unit/vpci_fake.c \
	tests/unit/env/host_xmalloc.c
