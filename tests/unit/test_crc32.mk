TESTS += test_crc32
test_crc32_SRCS := xen/lib/crc32.c
