TESTS += test_xlu_cfg
test_xlu_cfg_SRCS := tools/libs/util/cfg.c tools/libs/util/cfg_get.c \
	tools/libs/util/cfg_lex.c tools/libs/util/cfg_parse.c
test_xlu_cfg_CFLAGS := -I$(ROOT)/tools/libs/util/include
