/* random.c - a ChaCha20 generator with fast key erasure: each request's
 * bytes are the key stream of the current key under a fresh nonce, and the
 * first block of that stream becomes the next key at once, so bytes already
 * handed out cannot be worked out from the state fs0 keeps afterwards. */
#include <string.h>
#include "chacha20.h"
#include "random.h"

static uint8_t key[CHACHA20_KEY_BYTES];
static uint64_t requests;	/* the nonce: never the same twice under one key */

static void nonce_of(uint64_t number, uint32_t domain, uint8_t nonce[CHACHA20_NONCE_BYTES])
{
	for (int i = 0; i < 8; i++)
		nonce[i] = (uint8_t)(number >> (8 * i));
	for (int i = 0; i < 4; i++)
		nonce[8 + i] = (uint8_t)(domain >> (8 * i));
}

/* Each 32 bytes of input are added to the key, which is then replaced by the
 * first half of its own block under a nonce that fill never uses. */
void random_stir(const void *data, size_t len)
{
	const uint8_t *bytes = data;
	uint8_t nonce[CHACHA20_NONCE_BYTES], block[CHACHA20_BLOCK_BYTES];

	do {
		size_t part = len < CHACHA20_KEY_BYTES ? len : CHACHA20_KEY_BYTES;
		for (size_t i = 0; i < part; i++)
			key[i] ^= bytes[i];
		nonce_of(requests++, 1, nonce);
		chacha20_block(key, 0, nonce, block);
		memcpy(key, block, CHACHA20_KEY_BYTES);
		bytes += part;
		len -= part;
	} while (len);
	memset(block, 0, sizeof(block));
}

void random_fill(void *buf, size_t len)
{
	uint8_t *out = buf;
	uint8_t nonce[CHACHA20_NONCE_BYTES], block[CHACHA20_BLOCK_BYTES];
	uint32_t counter = 1;

	nonce_of(requests++, 0, nonce);
	while (len) {
		size_t part = len < CHACHA20_BLOCK_BYTES ? len : CHACHA20_BLOCK_BYTES;
		chacha20_block(key, counter++, nonce, block);
		memcpy(out, block, part);
		out += part;
		len -= part;
	}
	chacha20_block(key, 0, nonce, block);
	memcpy(key, block, CHACHA20_KEY_BYTES);
	memset(block, 0, sizeof(block));
}
