/* fuzz_input.h - reading a fuzzer's input as a stream of small choices; past
 * its end every read gives zero, so any input is a complete script. */
#ifndef FUZZ_INPUT_H
#define FUZZ_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fuzz_input {
	const uint8_t *data;
	size_t size;
	size_t at;
};

void fuzz_input_init(struct fuzz_input *in, const uint8_t *data, size_t size);
bool fuzz_input_done(const struct fuzz_input *in);
uint8_t fuzz_byte(struct fuzz_input *in);
/* The next byte, left unread. */
uint8_t fuzz_peek(const struct fuzz_input *in);
uint32_t fuzz_u32(struct fuzz_input *in);
/* A value below limit (limit > 0). */
uint32_t fuzz_below(struct fuzz_input *in, uint32_t limit);
/* A word the way handlers' edge cases want them: small numbers, one of
 * the caller's interesting values, or raw bits. */
uint32_t fuzz_word(struct fuzz_input *in, const uint32_t *interesting, size_t count);

#endif
