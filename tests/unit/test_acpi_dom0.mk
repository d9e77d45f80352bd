TESTS += test_acpi_dom0
test_acpi_dom0_SRCS := xen/drivers/acpi/dom0_tables.c xen/drivers/acpi/tables.c tests/unit/env/acpi_image.c
test_acpi_dom0_CFLAGS := -DACPI_DATA_DIR=\"$(ROOT)/tests/unit/data\"
