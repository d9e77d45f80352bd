include $(ROOT)/tools/xenstored/core.mk
TESTS += test_xs_transaction
test_xs_transaction_SRCS := $(addprefix tools/xenstored/,$(XSD_CORE_SRCS)) \
	tests/unit/test_xs_harness.c
