include $(ROOT)/tools/xenstored/core.mk
TESTS += test_xs_protocol
test_xs_protocol_SRCS := $(addprefix tools/xenstored/,$(XSD_CORE_SRCS)) \
	tests/unit/test_xs_harness.c
