/* SPDX-License-Identifier: GPL-2.0-only */
/* CPU identification from CPUID, and the protections the hypervisor turns on for
 * itself: NX (set in head.S), SMEP and SMAP. The hypervisor never maps user pages,
 * so SMEP and SMAP cost nothing and catch stray jumps and accesses into low memory. */
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/cpufeature.h>
#include <asm/processor.h>

struct cpu_features boot_cpu;

static void read_brand(void)
{
    struct cpuid_leaf l;
    unsigned int i;

    if ( boot_cpu.max_ext_leaf < 0x80000004 )
    {
        strlcpy(boot_cpu.brand, "unknown", sizeof(boot_cpu.brand));
        return;
    }
    for ( i = 0; i < 3; i++ )
    {
        cpuid(0x80000002 + i, &l);
        memcpy(boot_cpu.brand + 16 * i, &l, 16);
    }
    boot_cpu.brand[48] = '\0';
}

static void read_family(uint32_t eax)
{
    unsigned int fam = (eax >> 8) & 0xf, model = (eax >> 4) & 0xf;

    if ( fam == 0xf )
        fam += (eax >> 20) & 0xff;
    if ( fam >= 6 )
        model |= ((eax >> 16) & 0xf) << 4;
    boot_cpu.family = fam;
    boot_cpu.model = model;
    boot_cpu.stepping = eax & 0xf;
}

void cpu_detect(void)
{
    struct cpuid_leaf l;

    cpuid(0, &l);
    boot_cpu.max_leaf = l.a;
    memcpy(boot_cpu.vendor + 0, &l.b, 4);
    memcpy(boot_cpu.vendor + 4, &l.d, 4);
    memcpy(boot_cpu.vendor + 8, &l.c, 4);

    cpuid(1, &l);
    read_family(l.a);
    boot_cpu.vmx = l.c & (1u << 5);
    boot_cpu.pcid = l.c & (1u << 17);
    boot_cpu.x2apic = l.c & (1u << 21);
    boot_cpu.tsc_deadline = l.c & (1u << 24);
    boot_cpu.xsave = l.c & (1u << 26);

    if ( boot_cpu.max_leaf >= 7 )
    {
        cpuid_count(7, 0, &l);
        boot_cpu.fsgsbase = l.b & (1u << 0);
        boot_cpu.smep = l.b & (1u << 7);
        boot_cpu.smap = l.b & (1u << 20);
        boot_cpu.umip = l.c & (1u << 2);
    }

    cpuid(0x80000000, &l);
    boot_cpu.max_ext_leaf = l.a;
    if ( boot_cpu.max_ext_leaf >= 0x80000001 )
    {
        cpuid(0x80000001, &l);
        boot_cpu.svm = l.c & (1u << 2);
        boot_cpu.nx = l.d & (1u << 20);
        boot_cpu.pdpe1gb = l.d & (1u << 26);
    }
    if ( boot_cpu.max_ext_leaf >= 0x80000007 )
    {
        cpuid(0x80000007, &l);
        boot_cpu.invariant_tsc = l.d & (1u << 8);
    }
    boot_cpu.phys_addr_bits = 36;
    boot_cpu.virt_addr_bits = 48;
    if ( boot_cpu.max_ext_leaf >= 0x80000008 )
    {
        cpuid(0x80000008, &l);
        boot_cpu.phys_addr_bits = l.a & 0xff;
        boot_cpu.virt_addr_bits = (l.a >> 8) & 0xff;
    }
    read_brand();
}

void cpu_init_protections(void)
{
    unsigned long cr4 = read_cr4();

    if ( boot_cpu.smep )
        cr4 |= X86_CR4_SMEP;
    if ( boot_cpu.smap )
        cr4 |= X86_CR4_SMAP;
    write_cr4(cr4);
}

void cpu_print_features(void)
{
    printk("CPU Vendor: %s, Family %u (%#x), Model %u (%#x), Stepping %u\n",
           boot_cpu.vendor, boot_cpu.family, boot_cpu.family, boot_cpu.model,
           boot_cpu.model, boot_cpu.stepping);
    printk("CPU: %s\n", boot_cpu.brand);
    printk("CPU features:%s%s%s%s%s%s%s%s\n",
           boot_cpu.nx ? " NX" : "", boot_cpu.smep ? " SMEP" : "",
           boot_cpu.smap ? " SMAP" : "", boot_cpu.pdpe1gb ? " 1GB-pages" : "",
           boot_cpu.x2apic ? " x2APIC" : "", boot_cpu.tsc_deadline ? " TSC-deadline" : "",
           boot_cpu.svm ? " SVM" : "", boot_cpu.vmx ? " VMX" : "");
    printk("Physical address width %u bits, virtual %u bits\n",
           boot_cpu.phys_addr_bits, boot_cpu.virt_addr_bits);
}
