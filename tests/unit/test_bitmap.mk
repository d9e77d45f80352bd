TESTS += test_bitmap
test_bitmap_SRCS := xen/lib/bitmap.c
