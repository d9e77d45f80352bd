// SPDX-License-Identifier: GPL-2.0-only
/*
 * From head.S's long-mode entry to test_main(): install the IDT, find Xen's
 * CPUID leaves, set up the hypercall page, check the PVH start info. Also
 * the trap handler: a fault listed in the exception table resumes at its
 * fixup, anything else ends the test with ERROR.
 */
#include "test.h"

#ifndef TEST_NAME
#define TEST_NAME "unnamed"
#endif

struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error_code;
    uint64_t rip, cs, rflags, rsp, ss;         /* pushed by the CPU */
};

struct idt_gate {
    uint16_t offset_low, selector;
    uint8_t ist, type;
    uint16_t offset_mid;
    uint32_t offset_high, reserved;
};

struct extable_entry {
    uint64_t fault, resume;
};

extern const char exception_stubs[];
extern const struct extable_entry __start_ex_table[], __stop_ex_table[];
extern uint64_t start_info_pa;

uint32_t xen_cpuid_base;
const struct hvm_start_info *start_info;
volatile int fixup_vector = -1;

static struct idt_gate idt[32];

static const char *const exception_names[32] = {
    "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
    "#DF", "#09", "#TS", "#NP", "#SS", "#GP", "#PF", "#15",
    "#MF", "#AC", "#MC", "#XM", "#VE", "#CP", "#22", "#23",
    "#24", "#25", "#26", "#27", "#HV", "#VC", "#SX", "#31",
};

static void __attribute__((noreturn)) halt_forever(void)
{
    for ( ;; )
        asm volatile ("cli; hlt");
}

static void idt_init(void)
{
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) desc = { sizeof(idt) - 1, (uint64_t)idt };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(idt); i++ )
    {
        uint64_t handler = (uint64_t)(exception_stubs + 16 * i);

        idt[i] = (struct idt_gate){
            .offset_low = handler, .selector = 0x08, .type = 0x8e,
            .offset_mid = handler >> 16, .offset_high = handler >> 32,
        };
    }
    asm volatile ("lidt %0" : : "m" (desc));
}

void trap_handler(struct trap_frame *f)
{
    static int nested;
    const struct extable_entry *e;

    for ( e = __start_ex_table; e < __stop_ex_table; e++ )
    {
        if ( e->fault == f->rip )
        {
            f->rip = e->resume;
            fixup_vector = f->vector;
            return;
        }
    }
    if ( nested++ )
        halt_forever();
    test_error("unexpected exception %s (vector %lu) error code %#lx "
               "at rip %#lx, rsp %#lx",
               exception_names[f->vector & 31], f->vector, f->error_code,
               f->rip, f->rsp);
    test_finish();
}

/* Xen's leaves sit at the first 0x100-aligned base with its signature. */
static int find_xen(void)
{
    uint32_t base;

    for ( base = XEN_CPUID_FIRST_LEAF; base < 0x40010000; base += 0x100 )
    {
        struct cpuid_regs r = cpuid(base);

        if ( r.ebx == XEN_CPUID_SIGNATURE_EBX &&
             r.ecx == XEN_CPUID_SIGNATURE_ECX &&
             r.edx == XEN_CPUID_SIGNATURE_EDX && r.eax - base >= 2 )
        {
            xen_cpuid_base = base;
            return 1;
        }
    }
    return 0;
}

static int hypercall_page_init(void)
{
    uint32_t msr = cpuid(xen_cpuid_base + 2).ebx;

    if ( wrmsr_safe(msr, (uint64_t)hypercall_page) >= 0 )
        return 0;
    return hypercall_page[0] != 0xc3;
}

long hypercall_direct(unsigned long rax, unsigned long a1, unsigned long a2,
                      unsigned long a3)
{
    if ( cpu_is_amd() )
        return HYPERCALL_ASM("vmmcall", rax, a1, a2, a3, 0, 0);
    return HYPERCALL_ASM("vmcall", rax, a1, a2, a3, 0, 0);
}

void lib_main(void)
{
    idt_init();
    /* Without Xen and a hypercall page there is no console to report on. */
    if ( !find_xen() || !hypercall_page_init() )
        halt_forever();

    printk("Guest test: %s\n", TEST_NAME);
    start_info = (const struct hvm_start_info *)start_info_pa;
    if ( start_info->magic != XEN_HVM_START_MAGIC_VALUE )
    {
        test_error("start info at %#lx has magic %#x, expected %#x",
                   start_info_pa, start_info->magic,
                   XEN_HVM_START_MAGIC_VALUE);
        test_finish();
    }
    test_main();
    test_finish();
}
