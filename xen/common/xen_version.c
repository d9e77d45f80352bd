/* SPDX-License-Identifier: GPL-2.0-only */
/* The xen_version hypercall. Guests are told 4.17; our own name travels in the
 * extraversion. Feature bits are those Xen 4.17 gives PVH guests, plus the dom0
 * bit for the hardware domain. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/version.h>
#include <asm/hvm/guest_access.h>
#include <public/xen.h>
#include <public/version.h>
#include <public/features.h>

/* Xen 4.17 ends the list with a space; guests parse it as words. */
static const char capabilities[] =
    "xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64 ";

static uint32_t feature_submap(const struct domain *d)
{
    uint32_t map = (1u << XENFEAT_writable_page_tables) | (1u << XENFEAT_auto_translated_physmap) |
          (1u << XENFEAT_hvm_callback_vector) | (1u << XENFEAT_hvm_safe_pvclock) |
          (1u << XENFEAT_memory_op_vnode_supported) | (1u << XENFEAT_not_direct_mapped);
    if ( d->is_privileged )
        map |= 1u << XENFEAT_dom0;
    return map;
}

/* Copies a string into a fixed-size guest buffer, NUL-padded. */
static long put_string(struct vcpu *v, uint64_t arg, const char *s, size_t size)
{
    char buf[1024];

    memset(buf, 0, size);
    strlcpy(buf, s, size);
    return copy_to_guest(v, arg, buf, size) ? -EFAULT : 0;
}

static long get_features(struct vcpu *v, uint64_t arg)
{
    xen_feature_info_t fi;

    if ( copy_from_guest(v, &fi, arg, sizeof(fi)) )
        return -EFAULT;
    if ( fi.submap_idx >= XENFEAT_NR_SUBMAPS )
        return -EINVAL;
    fi.submap = feature_submap(v->domain);
    return copy_to_guest(v, arg, &fi, sizeof(fi)) ? -EFAULT : 0;
}

static long compile_info(struct vcpu *v, uint64_t arg)
{
    xen_compile_info_t ci;

    memset(&ci, 0, sizeof(ci));
    strlcpy(ci.compiler, xen_compile_info, sizeof(ci.compiler));
    strlcpy(ci.compile_by, PROJECT_NAME, sizeof(ci.compile_by));
    strlcpy(ci.compile_domain, "localdomain", sizeof(ci.compile_domain));
    strlcpy(ci.compile_date, __DATE__ " " __TIME__, sizeof(ci.compile_date));
    return copy_to_guest(v, arg, &ci, sizeof(ci)) ? -EFAULT : 0;
}

static long platform_parameters(struct vcpu *v, uint64_t arg)
{
    xen_platform_parameters_t pp = { .virt_start = 0xffff800000000000UL };

    return copy_to_guest(v, arg, &pp, sizeof(pp)) ? -EFAULT : 0;
}

/* The GNU build-id note the linker put in the image: the hash follows the
 * note header and its 4-byte-padded name "GNU". */
extern const char __note_gnu_build_id_start[], __note_gnu_build_id_end[];

static long build_id(struct vcpu *v, uint64_t arg)
{
    const uint32_t *note = (const uint32_t *)__note_gnu_build_id_start;
    uint32_t len, id_len;

    if ( __note_gnu_build_id_end - __note_gnu_build_id_start < 16 )
        return -ENODATA;
    id_len = note[1];
    if ( copy_from_guest(v, &len, arg, sizeof(len)) )
        return -EFAULT;
    if ( len < id_len )
        return -ENOBUFS;
    if ( copy_to_guest(v, arg + sizeof(uint32_t), (const char *)(note + 4), id_len) )
        return -EFAULT;
    return id_len;
}

long do_xen_version(struct vcpu *v, const uint64_t *args)
{
    uint64_t arg = args[1];
    bool priv = v->domain->is_privileged;

    switch ( (int)args[0] )
    {
    case XENVER_version:
        return (XEN_VERSION_MAJOR << 16) | XEN_VERSION_MINOR;
    case XENVER_extraversion:
        return put_string(v, arg, xen_extra_version, sizeof(xen_extraversion_t));
    case XENVER_compile_info:
        return compile_info(v, arg);
    case XENVER_capabilities:
        return put_string(v, arg, capabilities, sizeof(xen_capabilities_info_t));
    case XENVER_changeset:
        return put_string(v, arg, PROJECT_NAME " " PROJECT_VERSION,
                          sizeof(xen_changeset_info_t));
    case XENVER_platform_parameters:
        return platform_parameters(v, arg);
    case XENVER_get_features:
        return get_features(v, arg);
    case XENVER_pagesize:
        return arg ? -EINVAL : (long)PAGE_SIZE;
    case XENVER_guest_handle:
        return put_string(v, arg, "", sizeof(xen_domain_handle_t));
    case XENVER_commandline:
        if ( !priv )
            return -EPERM;
        return put_string(v, arg, saved_cmdline, sizeof(xen_commandline_t));
    case XENVER_build_id:
        if ( !priv )
            return -EPERM;
        return build_id(v, arg);
    default:
        return -ENOSYS;
    }
}
