TESTS += test_x86_emulate
test_x86_emulate_SRCS := xen/arch/x86/x86_emulate/decode.c xen/arch/x86/x86_emulate/emulate.c
