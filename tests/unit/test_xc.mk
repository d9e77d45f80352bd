TESTS += test_xc
# libxenctrl over a fake libxencall (env/fake_xencall.c); the public headers
# come from tools/include, ahead of the hypervisor's own.
test_xc_SRCS := tools/libs/ctrl/xc_core.c tools/libs/ctrl/xc_domain.c \
	tests/unit/env/fake_xencall.c
test_xc_CFLAGS := -D__XEN_TOOLS__ -I$(ROOT)/tools/include -I$(ROOT)/tools/libs/ctrl/include \
	-I$(ROOT)/tools/libs/call/include
