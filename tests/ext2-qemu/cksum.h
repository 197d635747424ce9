/* cksum.h - POSIX cksum's CRC on the target, so a program's files can be
 * compared with `cksum` on the host (readback.c, powercut.c). */
#ifndef EXT2_QEMU_CKSUM_H
#define EXT2_QEMU_CKSUM_H

#include <stddef.h>
#include <stdint.h>

/* Fills the table; call once before the others. */
void crc_init(void);
/* Adds bytes to a running CRC that starts at 0. */
uint32_t crc_add(uint32_t crc, const unsigned char *bytes, size_t len);
/* The final CRC of length bytes, as cksum prints it. */
uint32_t crc_end(uint32_t crc, uint64_t length);

#endif
