TESTS += test_guest_walk
test_guest_walk_SRCS := xen/arch/x86/hvm/guest_walk.c
