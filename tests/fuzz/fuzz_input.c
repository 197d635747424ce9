/* fuzz_input.c - the byte cursor the fuzz harnesses read their scripts with. */
#include "fuzz_input.h"

void fuzz_input_init(struct fuzz_input *in, const uint8_t *data, size_t size)
{
	in->data = data;
	in->size = size;
	in->at = 0;
}

bool fuzz_input_done(const struct fuzz_input *in)
{
	return in->at >= in->size;
}

uint8_t fuzz_byte(struct fuzz_input *in)
{
	return in->at < in->size ? in->data[in->at++] : 0;
}

uint8_t fuzz_peek(const struct fuzz_input *in)
{
	return in->at < in->size ? in->data[in->at] : 0;
}

uint32_t fuzz_u32(struct fuzz_input *in)
{
	uint32_t value = 0;
	for (int i = 0; i < 4; i++)
		value |= (uint32_t)fuzz_byte(in) << (8 * i);
	return value;
}

uint32_t fuzz_below(struct fuzz_input *in, uint32_t limit)
{
	return fuzz_byte(in) % limit;
}

/* Selector byte: below 0x80 a small number (-8..119), up to 0xdf an
 * interesting value, above that four raw bytes. */
uint32_t fuzz_word(struct fuzz_input *in, const uint32_t *interesting, size_t count)
{
	uint8_t selector = fuzz_byte(in);
	if (selector < 0x80)
		return (uint32_t)((int32_t)selector - 8);
	if (selector < 0xe0 && count > 0)
		return interesting[(selector - 0x80) % count];
	return fuzz_u32(in);
}
