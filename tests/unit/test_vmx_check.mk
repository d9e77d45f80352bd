TESTS += test_vmx_check
test_vmx_check_SRCS := xen/arch/x86/hvm/vmx/check.c
