/* SPDX-License-Identifier: GPL-2.0-only */
/* xen/include/public: offsets, sizes and numbers checked against the values
 * the guest ABI notes (guest-abi.md, Xen 4.17 x86-64) give, so a layout slip
 * fails a named field here as well as a build-time assert. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <errno.h>
#include <string.h>
#include <cmocka.h>

#include <public/xen.h>
#include <public/arch-x86/cpuid.h>
#include <public/arch-x86/hvm/start_info.h>
#include <public/errno.h>
#include <public/event_channel.h>
#include <public/features.h>
#include <public/grant_table.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/hvm_vcpu.h>
#include <public/hvm/params.h>
#include <public/io/console.h>
#include <public/io/xs_wire.h>
#include <public/memory.h>
#include <public/physdev.h>
#include <public/platform.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <public/version.h>

#define OFF(type, field, want) assert_int_equal(offsetof(type, field), (want))
#define SIZE(type, want)       assert_int_equal(sizeof(type), (want))

static void test_shared_info(void **state)
{
    SIZE(struct shared_info, 3136);
    OFF(struct shared_info, vcpu_info[1], 64);
    OFF(struct shared_info, evtchn_pending, 0x800);
    OFF(struct shared_info, evtchn_mask, 0xA00);
    OFF(struct shared_info, wc_version, 0xC00);
    OFF(struct shared_info, wc_sec, 0xC04);
    OFF(struct shared_info, wc_nsec, 0xC08);
    OFF(struct shared_info, wc_sec_hi, 0xC0C);
    OFF(struct shared_info, arch.max_pfn, 0xC10);
    OFF(struct shared_info, arch.nmi_reason, 0xC20);
    OFF(struct shared_info, arch.p2m_generation, 0xC38);
    assert_int_equal(EVTCHN_2L_NR_CHANNELS, 4096);
    assert_int_equal(XEN_LEGACY_MAX_VCPUS, 32);
}

static void test_vcpu_info_and_time(void **state)
{
    SIZE(struct vcpu_info, 64);
    OFF(struct vcpu_info, evtchn_upcall_pending, 0);
    OFF(struct vcpu_info, evtchn_upcall_mask, 1);
    OFF(struct vcpu_info, evtchn_pending_sel, 8);
    OFF(struct vcpu_info, arch.cr2, 16);
    OFF(struct vcpu_info, time, 32);

    SIZE(struct vcpu_time_info, 32);
    OFF(struct vcpu_time_info, tsc_timestamp, 8);
    OFF(struct vcpu_time_info, system_time, 16);
    OFF(struct vcpu_time_info, tsc_to_system_mul, 24);
    OFF(struct vcpu_time_info, tsc_shift, 28);
    OFF(struct vcpu_time_info, flags, 29);
    assert_int_equal(XEN_PVCLOCK_TSC_STABLE_BIT, 1);
    assert_int_equal(XEN_PVCLOCK_GUEST_STOPPED, 2);

    SIZE(struct vcpu_runstate_info, 48);
    OFF(struct vcpu_runstate_info, state_entry_time, 8);
    OFF(struct vcpu_runstate_info, time, 16);
    assert_true(XEN_RUNSTATE_UPDATE == (1ULL << 63));
}

static void test_hvm_start_info(void **state)
{
    SIZE(struct hvm_start_info, 56);
    OFF(struct hvm_start_info, version, 4);
    OFF(struct hvm_start_info, flags, 8);
    OFF(struct hvm_start_info, nr_modules, 12);
    OFF(struct hvm_start_info, modlist_paddr, 16);
    OFF(struct hvm_start_info, cmdline_paddr, 24);
    OFF(struct hvm_start_info, rsdp_paddr, 32);
    OFF(struct hvm_start_info, memmap_paddr, 40);
    OFF(struct hvm_start_info, memmap_entries, 48);
    OFF(struct hvm_start_info, reserved, 52);
    SIZE(struct hvm_modlist_entry, 32);
    OFF(struct hvm_modlist_entry, cmdline_paddr, 16);
    SIZE(struct hvm_memmap_table_entry, 24);
    OFF(struct hvm_memmap_table_entry, type, 16);
    assert_int_equal(XEN_HVM_START_MAGIC_VALUE, 0x336EC578);
    assert_int_equal(XEN_HVM_MEMMAP_TYPE_RAM, 1);
    assert_int_equal(XEN_HVM_MEMMAP_TYPE_PMEM, 7);
    assert_int_equal(SIF_PRIVILEGED | SIF_INITDOMAIN, 0x3);
    assert_int_equal(SIF_VIRT_P2M_4TOOLS, 1 << 4);
}

static void test_vcpu_hvm_context(void **state)
{
    SIZE(struct vcpu_hvm_context, 128);
    OFF(struct vcpu_hvm_context, cpu_regs, 8);
    OFF(struct vcpu_hvm_x86_32, eip, 32);
    OFF(struct vcpu_hvm_x86_32, cr0, 40);
    OFF(struct vcpu_hvm_x86_32, efer, 56);
    OFF(struct vcpu_hvm_x86_32, tr_base, 80);
    OFF(struct vcpu_hvm_x86_32, tr_limit, 100);
    OFF(struct vcpu_hvm_x86_32, cs_ar, 104);
    OFF(struct vcpu_hvm_x86_32, pad2, 114);
    OFF(struct vcpu_hvm_x86_64, rip, 64);
    OFF(struct vcpu_hvm_x86_64, efer, 104);
    SIZE(struct vcpu_guest_context, 5168);
    SIZE(cpu_user_regs_t, 200);
}

static void test_memory_op(void **state)
{
    SIZE(struct xen_memory_reservation, 32);
    OFF(struct xen_memory_reservation, nr_extents, 8);
    OFF(struct xen_memory_reservation, extent_order, 16);
    OFF(struct xen_memory_reservation, mem_flags, 20);
    OFF(struct xen_memory_reservation, domid, 24);
    SIZE(struct xen_add_to_physmap, 24);
    OFF(struct xen_add_to_physmap, size, 2);
    OFF(struct xen_add_to_physmap, space, 4);
    OFF(struct xen_add_to_physmap, idx, 8);
    OFF(struct xen_add_to_physmap, gpfn, 16);
    SIZE(struct xen_add_to_physmap_batch, 32);
    OFF(struct xen_add_to_physmap_batch, u.foreign_domid, 6);
    OFF(struct xen_add_to_physmap_batch, gpfns, 16);
    SIZE(struct xen_memory_map, 16);
    OFF(struct xen_memory_map, buffer, 8);
    SIZE(struct xen_remove_from_physmap, 16);
    OFF(struct xen_remove_from_physmap, gpfn, 8);
    assert_int_equal(XENMEM_add_to_physmap, 7);
    assert_int_equal(XENMEM_memory_map, 9);
    assert_int_equal(XENMEM_acquire_resource, 28);
    assert_int_equal(XENMEMF_populate_on_demand, 1 << 16);
    assert_int_equal(XENMEMF_vnode, 1 << 18);
    assert_int_equal(XENMEMF_node(0), 1 << 8);
    assert_int_equal(XENMAPIDX_grant_table_status, 0x80000000U);
}

static void test_event_channel(void **state)
{
    OFF(struct evtchn_bind_interdomain, remote_port, 4);
    OFF(struct evtchn_bind_interdomain, local_port, 8);
    OFF(struct evtchn_bind_virq, port, 8);
    OFF(struct evtchn_alloc_unbound, remote_dom, 2);
    OFF(struct evtchn_alloc_unbound, port, 4);
    SIZE(struct evtchn_status, 24);
    OFF(struct evtchn_status, port, 4);
    OFF(struct evtchn_status, vcpu, 12);
    OFF(struct evtchn_status, u.interdomain.dom, 16);
    OFF(struct evtchn_status, u.interdomain.port, 20);
    SIZE(struct evtchn_init_control, 24);
    OFF(struct evtchn_init_control, offset, 8);
    OFF(struct evtchn_init_control, vcpu, 12);
    OFF(struct evtchn_init_control, link_bits, 16);
    SIZE(struct evtchn_fifo_control_block, 72);
    OFF(struct evtchn_fifo_control_block, head, 8);
    assert_int_equal(EVTCHN_FIFO_PENDING, 31);
    assert_int_equal(EVTCHN_FIFO_BUSY, 28);
    assert_int_equal(EVTCHN_FIFO_NR_CHANNELS, 131072);
    assert_int_equal(EVTCHN_FIFO_PRIORITY_DEFAULT, 7);
    assert_int_equal(EVTCHNOP_set_priority, 13);
    assert_int_equal(VIRQ_PCPU_STATE, 9);
    assert_int_equal(NR_VIRQS, 24);
}

static void test_sched_and_vcpu_ops(void **state)
{
    SIZE(struct sched_poll, 24);
    OFF(struct sched_poll, nr_ports, 8);
    OFF(struct sched_poll, timeout, 16);
    OFF(struct sched_remote_shutdown, reason, 4);
    assert_int_equal(SHUTDOWN_watchdog, 4);
    assert_int_equal(SHUTDOWN_soft_reset, 5);
    SIZE(struct vcpu_set_singleshot_timer, 16);
    OFF(struct vcpu_register_vcpu_info, offset, 8);
    OFF(struct vcpu_register_vcpu_info, rsvd, 12);
    assert_int_equal(VCPU_SSHOTTMR_future, 1);
    assert_int_equal(VCPUOP_register_vcpu_time_memory_area, 13);
    SIZE(struct xen_hvm_param, 16);
    OFF(struct xen_hvm_param, index, 4);
    OFF(struct xen_hvm_param, value, 8);
    OFF(struct xen_hvm_evtchn_upcall_vector, vector, 4);
    OFF(struct xen_hvm_pagetable_dying, gpa, 8);
    assert_int_equal(HVMOP_set_evtchn_upcall_vector, 23);
    assert_int_equal(HVM_PARAM_CONSOLE_EVTCHN, 18);
    assert_int_equal(HVM_PARAM_PAE_ENABLED, 4);
    assert_int_equal(HVM_NR_PARAMS, 39);
    assert_true(((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR <<
                 HVM_PARAM_CALLBACK_IRQ_TYPE_SHIFT | 0xF3) ==
                0x02000000000000F3ULL);
}

static void test_grant_table(void **state)
{
    SIZE(grant_entry_v1_t, 8);
    OFF(grant_entry_v1_t, domid, 2);
    OFF(grant_entry_v1_t, frame, 4);
    SIZE(grant_entry_v2_t, 16);
    OFF(grant_entry_v2_t, full_page.frame, 8);
    OFF(grant_entry_v2_t, sub_page.length, 6);
    OFF(grant_entry_v2_t, transitive.trans_domid, 4);
    SIZE(struct gnttab_map_grant_ref, 32);
    OFF(struct gnttab_map_grant_ref, dom, 16);
    OFF(struct gnttab_map_grant_ref, status, 18);
    OFF(struct gnttab_map_grant_ref, dev_bus_addr, 24);
    OFF(struct gnttab_unmap_grant_ref, status, 20);
    OFF(struct gnttab_setup_table, status, 8);
    OFF(struct gnttab_setup_table, frame_list, 16);
    SIZE(struct gnttab_copy, 40);
    OFF(struct gnttab_copy, source.offset, 10);
    OFF(struct gnttab_copy, flags, 34);
    SIZE(struct gnttab_query_size, 16);
    OFF(struct gnttab_query_size, max_nr_frames, 8);
    OFF(struct gnttab_get_version, version, 4);
    assert_int_equal(GNTST_no_space, -13);
    assert_int_equal(GNTMAP_contains_pte, 1 << 4);
    assert_int_equal(GTF_sub_page, 1 << 8);
    assert_int_equal(GNTTABOP_cache_flush, 12);
}

static void test_physdev_and_platform(void **state)
{
    SIZE(struct physdev_map_pirq, 40);
    SIZE(struct physdev_pci_mmcfg_reserved, 16);
    OFF(struct physdev_pci_mmcfg_reserved, segment, 8);
    OFF(struct physdev_pci_mmcfg_reserved, end_bus, 11);
    OFF(struct physdev_pci_device_add, devfn, 3);
    OFF(struct physdev_pci_device_add, flags, 4);
    OFF(struct physdev_pci_device_add, optarr, 12);
    SIZE(struct physdev_manage_pci_ext, 16);
    SIZE(struct physdev_dbgp_op, 6);
    assert_int_equal(PHYSDEVOP_pci_device_add, 25);
    assert_int_equal(PHYSDEVOP_pirq_eoi_gmfn, 28);

    SIZE(struct xen_platform_op, 136);
    OFF(struct xen_platform_op, interface_version, 4);
    OFF(struct xen_platform_op, u, 8);
    SIZE(struct xenpf_firmware_info, 40);
    OFF(struct xenpf_settime64, nsecs, 8);
    OFF(struct xenpf_settime64, system_time, 16);
    OFF(struct xenpf_pcpuinfo, acpi_id, 16);
    assert_int_equal(XENPF_INTERFACE_VERSION, 0x03000001);
    assert_int_equal(XENPF_settime64, 62);
    assert_int_equal(XENPF_get_cpuinfo, 55);
    assert_int_equal(XEN_FW_EFI_INFO, 4);
}

static void test_rings(void **state)
{
    SIZE(struct xencons_interface, 3088);
    OFF(struct xencons_interface, out, 1024);
    OFF(struct xencons_interface, in_cons, 3072);
    OFF(struct xencons_interface, in_prod, 3076);
    OFF(struct xencons_interface, out_cons, 3080);
    OFF(struct xencons_interface, out_prod, 3084);

    OFF(struct xenstore_domain_interface, rsp, 1024);
    OFF(struct xenstore_domain_interface, req_prod, 2052);
    OFF(struct xenstore_domain_interface, rsp_cons, 2056);
    OFF(struct xenstore_domain_interface, server_features, 2064);
    OFF(struct xenstore_domain_interface, connection, 2068);
    OFF(struct xenstore_domain_interface, error, 2072);
    SIZE(struct xsd_sockmsg, 16);
    assert_int_equal(XS_ERROR, 16);
    assert_int_equal(XS_RESET_WATCHES, 21);
    assert_int_equal(XS_DIRECTORY_PART, 22);
    assert_int_equal(XS_INVALID, 0xffff);
    /* Entry 0 is the fallback error; its position is protocol. */
    assert_string_equal(xsd_errors[0].errstring, "EINVAL");
    assert_int_equal(xsd_errors[0].errnum, EINVAL);
    assert_string_equal(xsd_errors[15].errstring, "EPERM");
}

static void test_numbers(void **state)
{
    assert_int_equal(__HYPERVISOR_memory_op, 12);
    assert_int_equal(__HYPERVISOR_vcpu_op, 24);
    assert_int_equal(__HYPERVISOR_hvm_op, 34);
    assert_int_equal(__HYPERVISOR_hypfs_op, 42);
    assert_int_equal(__HYPERVISOR_arch_1, 49);
    assert_int_equal(DOMID_SELF, 0x7FF0);
    assert_int_equal(DOMID_INVALID, 0x7FF4);
    assert_int_equal(VMASST_TYPE_runstate_update_flag, 5);
    assert_int_equal(MMUEXT_UNMARK_SUPER, 20);
    SIZE(struct multicall_entry, 64);
    OFF(struct multicall_entry, args, 16);
    SIZE(struct start_info, 1168);

    assert_int_equal(XEN_ENOSYS, 38);
    assert_int_equal(XEN_EOPNOTSUPP, 95);
    assert_int_equal(XEN_ECONNREFUSED, 111);
    assert_int_equal(XEN_CPUID_SIGNATURE_EBX, 0x566E6558);
    assert_int_equal(XEN_HVM_CPUID_UPCALL_VECTOR, 1 << 6);

    /* The feature words guest-abi gives for a PVH domU and dom0. */
    uint32_t domu = (1u << XENFEAT_writable_page_tables) |
                    (1u << XENFEAT_auto_translated_physmap) |
                    (1u << XENFEAT_hvm_callback_vector) |
                    (1u << XENFEAT_hvm_safe_pvclock) |
                    (1u << XENFEAT_memory_op_vnode_supported) |
                    (1u << XENFEAT_not_direct_mapped);
    assert_int_equal(domu, 0x00012305);
    assert_int_equal(domu | (1u << XENFEAT_dom0), 0x00012B05);

    SIZE(struct xen_compile_info, 144);
    OFF(struct xen_feature_info, submap, 4);
    assert_int_equal(XEN_EXTRAVERSION_LEN, 16);
}

#define XEN_ERRNO_CHECK(name, value) assert_int_equal(XEN_ ## name, value);

static void test_errno_list(void **state)
{
    /* The X-macro table and the named constants must agree. */
    XEN_ERRNO_LIST(XEN_ERRNO_CHECK)
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_info),
        cmocka_unit_test(test_vcpu_info_and_time),
        cmocka_unit_test(test_hvm_start_info),
        cmocka_unit_test(test_vcpu_hvm_context),
        cmocka_unit_test(test_memory_op),
        cmocka_unit_test(test_event_channel),
        cmocka_unit_test(test_sched_and_vcpu_ops),
        cmocka_unit_test(test_grant_table),
        cmocka_unit_test(test_physdev_and_platform),
        cmocka_unit_test(test_rings),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_errno_list),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
