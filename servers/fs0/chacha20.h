/* chacha20.h - the ChaCha20 block function (RFC 8439), the core of fs0's
 * random number generator (random.c). */
#ifndef FS0_CHACHA20_H
#define FS0_CHACHA20_H

#include <stdint.h>

#define CHACHA20_KEY_BYTES	32
#define CHACHA20_NONCE_BYTES	12
#define CHACHA20_BLOCK_BYTES	64

/* Writes the 64-byte key-stream block number counter of key and nonce. */
void chacha20_block(const uint8_t key[CHACHA20_KEY_BYTES], uint32_t counter,
		    const uint8_t nonce[CHACHA20_NONCE_BYTES], uint8_t out[CHACHA20_BLOCK_BYTES]);

#endif
