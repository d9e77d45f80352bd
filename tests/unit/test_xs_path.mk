TESTS += test_xs_path
test_xs_path_SRCS := tools/xenstored/path.c tools/xenstored/perms.c \
	tools/xenstored/quota.c
