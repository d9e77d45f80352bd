TESTS += test_xlu_disk
test_xlu_disk_SRCS := tools/libs/util/cfg.c tools/libs/util/cfg_get.c \
	tools/libs/util/cfg_lex.c tools/libs/util/cfg_parse.c \
	tools/libs/util/disk.c tools/libs/util/vdev.c
test_xlu_disk_CFLAGS := -I$(ROOT)/tools/libs/util/include
