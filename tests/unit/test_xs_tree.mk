include $(ROOT)/tools/xenstored/core.mk
TESTS += test_xs_tree
test_xs_tree_SRCS := $(addprefix tools/xenstored/,$(XSD_CORE_SRCS)) \
	tests/unit/test_xs_harness.c
