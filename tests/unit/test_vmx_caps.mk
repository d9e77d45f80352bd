TESTS += test_vmx_caps
test_vmx_caps_SRCS := xen/arch/x86/hvm/vmx/caps.c
