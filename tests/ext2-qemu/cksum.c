/* cksum.c - POSIX cksum: CRC-32 with polynomial 0x04c11db7, most
 * significant bit first, over the bytes and then the length (least
 * significant byte first, only as many bytes as it has), complemented. */
#include "cksum.h"

static uint32_t crc_table[256];

void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t crc = i << 24;
		for (int bit = 0; bit < 8; bit++)
			crc = crc & 0x80000000u ? (crc << 1) ^ 0x04c11db7u : crc << 1;
		crc_table[i] = crc;
	}
}

uint32_t crc_add(uint32_t crc, const unsigned char *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++)
		crc = (crc << 8) ^ crc_table[(crc >> 24) ^ bytes[i]];
	return crc;
}

uint32_t crc_end(uint32_t crc, uint64_t length)
{
	for (; length; length >>= 8) {
		unsigned char byte = (unsigned char)length;
		crc = crc_add(crc, &byte, 1);
	}
	return ~crc;
}
