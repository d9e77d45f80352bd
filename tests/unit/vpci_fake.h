/* SPDX-License-Identifier: GPL-2.0-only */
/* The fake devices, MMIO and event log shared by the vPCI MSI and MSI-X
 * host tests (test_vpci_msi.c, test_vpci_msix.c; built from vpci_fake.c). */
#ifndef TESTS_UNIT_VPCI_FAKE_H
#define TESTS_UNIT_VPCI_FAKE_H

#include <xen/types.h>
#include <asm/hvm/vpci.h>

#define DEV_M   VPCI_SBDF(0, 0, 3, 0)   /* MSI 64-bit masking, MSI-X in BAR2 */
#define DEV_N   VPCI_SBDF(0, 0, 4, 0)   /* MSI 32-bit, MSI-X in BAR0 */
#define DEV_DUP VPCI_SBDF(0, 0, 5, 0)   /* two MSI capabilities */
#define DEV_BR  VPCI_SBDF(0, 0, 6, 0)   /* bridge, MSI-X table in BAR 2 */
#define DEV_FW  VPCI_SBDF(0, 0, 7, 0)   /* firmware left both enabled */
#define DEV_P   VPCI_SBDF(0, 0, 8, 0)   /* no capability list */

#define M_MSI   0x50
#define M_MSIX  0x70
#define M_TABLE 0x1fe002000ull          /* 64-bit BAR2 + 0x2000 */
#define M_PBA   0x1fe003000ull
#define N_MSI   0x48
#define N_MSIX  0x60
#define N_TABLE 0xfd100000ull
#define N_PBA   0xfd100800ull

#define NR_DEVS 6
#define LOG_MAX 512

enum ev_kind { EV_CFG, EV_MMIO, EV_BIND, EV_UNBIND, EV_XBIND, EV_XUNBIND,
               EV_MOVED };

struct event {
    enum ev_kind kind;
    uint32_t sbdf;
    uint64_t where;                     /* register, address, vector */
    unsigned int size;
    uint64_t val;                       /* value, or guest address */
    uint32_t data;
    bool masked;
};

struct fdev {
    uint32_t sbdf;
    uint8_t cfg[VPCI_CFG_SIZE];
};

struct region {
    uint64_t base;
    uint8_t mem[0x100];
};

struct fake {
    struct fdev dev[NR_DEVS];
    struct region mmio[4];
    unsigned int nr;
    struct event log[LOG_MAX];
    int bind_rc;                        /* what the bind ops return */
    struct vpci_msg host;               /* the message they choose */
};

extern struct fake *f;
extern struct vpci v;
extern const struct vpci_ops fake_ops;

/* cmocka fixtures: the devices built, v emulating; then all freed. */
int setup(void **state);
int teardown(void **state);

struct fdev *find_dev(uint32_t sbdf);
uint32_t get(const uint8_t *p, unsigned int size);
void put(uint8_t *p, unsigned int size, uint64_t val);
uint32_t fake_read(void *ctx, uint32_t sbdf, unsigned int reg,
                   unsigned int size);
void fake_write(void *ctx, uint32_t sbdf, unsigned int reg,
                unsigned int size, uint32_t val);
uint64_t fake_mmio_read(void *ctx, uint64_t addr, unsigned int size);

void clear_log(void);
unsigned int count(enum ev_kind kind);
/* The index of the first event of kind at where, or -1. */
int find_ev(enum ev_kind kind, uint64_t where);
const struct event *ev(int i);

/* The device's configuration bytes, untouched by vPCI. */
uint32_t cfg(uint32_t sbdf, unsigned int reg, unsigned int size);
/* dom0's configuration and MSI-X table accesses, which must be handled. */
uint32_t cr(uint32_t sbdf, unsigned int reg, unsigned int size);
void cw(uint32_t sbdf, unsigned int reg, unsigned int size, uint32_t val);
uint64_t tr(uint64_t gpa, unsigned int size);
void tw(uint64_t gpa, unsigned int size, uint64_t val);

#endif /* TESTS_UNIT_VPCI_FAKE_H */
