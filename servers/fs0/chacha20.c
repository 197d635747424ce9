/* chacha20.c - the ChaCha20 block function as RFC 8439 section 2.3 defines
 * it: 20 rounds over a 4x4 matrix of words, added back to the input. */
#include "chacha20.h"

static uint32_t rotate_left(uint32_t word, int bits)
{
	return (word << bits) | (word >> (32 - bits));
}

static uint32_t load_le32(const uint8_t *bytes)
{
	return (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 |
	       (uint32_t)bytes[3] << 24;
}

static void store_le32(uint8_t *bytes, uint32_t word)
{
	bytes[0] = (uint8_t)word;
	bytes[1] = (uint8_t)(word >> 8);
	bytes[2] = (uint8_t)(word >> 16);
	bytes[3] = (uint8_t)(word >> 24);
}

static void quarter_round(uint32_t *x, int a, int b, int c, int d)
{
	x[a] += x[b];
	x[d] = rotate_left(x[d] ^ x[a], 16);
	x[c] += x[d];
	x[b] = rotate_left(x[b] ^ x[c], 12);
	x[a] += x[b];
	x[d] = rotate_left(x[d] ^ x[a], 8);
	x[c] += x[d];
	x[b] = rotate_left(x[b] ^ x[c], 7);
}

void chacha20_block(const uint8_t key[CHACHA20_KEY_BYTES], uint32_t counter,
		    const uint8_t nonce[CHACHA20_NONCE_BYTES], uint8_t out[CHACHA20_BLOCK_BYTES])
{
	/* "expand 32-byte k" */
	uint32_t input[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574 };
	uint32_t work[16];

	for (int i = 0; i < 8; i++)
		input[4 + i] = load_le32(key + 4 * i);
	input[12] = counter;
	for (int i = 0; i < 3; i++)
		input[13 + i] = load_le32(nonce + 4 * i);
	for (int i = 0; i < 16; i++)
		work[i] = input[i];
	for (int round = 0; round < 20; round += 2) {
		quarter_round(work, 0, 4, 8, 12);
		quarter_round(work, 1, 5, 9, 13);
		quarter_round(work, 2, 6, 10, 14);
		quarter_round(work, 3, 7, 11, 15);
		quarter_round(work, 0, 5, 10, 15);
		quarter_round(work, 1, 6, 11, 12);
		quarter_round(work, 2, 7, 8, 13);
		quarter_round(work, 3, 4, 9, 14);
	}
	for (int i = 0; i < 16; i++)
		store_le32(out + 4 * i, work[i] + input[i]);
}
