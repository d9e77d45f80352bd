	.section .xen_symtab, "a", @progbits
	.balign 8
	.globl symbols_count, symbols_addresses, symbols_offsets, symbols_names
symbols_count:	.quad 0
symbols_addresses:
symbols_offsets:
symbols_names:
