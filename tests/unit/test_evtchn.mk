TESTS += test_evtchn
test_evtchn_SRCS := xen/common/event_channel.c xen/common/event_2l.c \
	xen/common/event_fifo.c tests/unit/env/host_xmalloc.c tests/unit/env/host_guest_copy.c tests/unit/env/evtchn_env.c
