TESTS += test_public_abi
test_public_abi_SRCS :=
