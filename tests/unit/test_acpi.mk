TESTS += test_acpi
test_acpi_SRCS := xen/drivers/acpi/tables.c tests/unit/env/acpi_image.c
test_acpi_CFLAGS := -DACPI_DATA_DIR=\"$(ROOT)/tests/unit/data\"
