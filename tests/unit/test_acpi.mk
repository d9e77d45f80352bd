TESTS += test_acpi
test_acpi_SRCS := xen/drivers/acpi/tables.c
test_acpi_CFLAGS := -DACPI_DATA_DIR=\"$(ROOT)/tests/unit/data\"
