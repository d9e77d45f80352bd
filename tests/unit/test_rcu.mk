TESTS += test_rcu
test_rcu_SRCS := xen/common/rcu.c xen/lib/bitmap.c
