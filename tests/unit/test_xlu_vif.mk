TESTS += test_xlu_vif
test_xlu_vif_SRCS := tools/libs/util/cfg.c tools/libs/util/cfg_get.c \
	tools/libs/util/cfg_lex.c tools/libs/util/cfg_parse.c \
	tools/libs/util/vif.c
test_xlu_vif_CFLAGS := -I$(ROOT)/tools/libs/util/include
