include $(ROOT)/tools/xenstored/core.mk
TESTS += test_xs_watch
test_xs_watch_SRCS := $(addprefix tools/xenstored/,$(XSD_CORE_SRCS)) \
	tests/unit/test_xs_harness.c
