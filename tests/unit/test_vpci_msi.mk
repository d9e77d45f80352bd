TESTS += test_vpci_msi
test_vpci_msi_SRCS := xen/arch/x86/hvm/vpci.c xen/arch/x86/hvm/vpci_msi.c \
	xen/arch/x86/hvm/vpci_msix.c tests/unit/vpci_fake.c \
	tests/unit/env/host_xmalloc.c
