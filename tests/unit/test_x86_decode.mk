TESTS += test_x86_decode
test_x86_decode_SRCS := xen/arch/x86/x86_emulate/decode.c
