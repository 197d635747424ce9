/* seq_handlers.c - the seq_test server's handlers, run by check_sequence over the loopback. */
#include "test_seq_server.h"

int seq_test_handle_sum(struct idlrt_request *idl_rq, const uint32_t *ids, uint32_t ids_count, uint64_t *total)
{
	(void)idl_rq;
	*total = 0;
	for (uint32_t i = 0; i < ids_count; i++)
		*total += ids[i];
	return (int)ids_count;
}

int seq_test_handle_squares(struct idlrt_request *idl_rq, uint32_t n, uint32_t *values, uint32_t *values_count)
{
	(void)idl_rq;
	for (uint32_t i = 0; i < n && i < SEQ_TEST_IDS_MAX; i++)
		values[i] = i * i;
	*values_count = n;
	return 0;
}

int seq_test_handle_move(struct idlrt_request *idl_rq, const struct seq_test_shape *s, int32_t dx, int32_t dy,
			 uint32_t extra, struct seq_test_shape *moved)
{
	(void)idl_rq;
	moved->number = s->number;
	moved->tag = s->tag;
	moved->corners_count = s->corners_count ? s->corners_count + extra : 0;
	for (uint32_t i = 0; i < moved->corners_count && i < 6; i++) {
		const struct seq_test_point *from = &s->corners[i < s->corners_count ? i : s->corners_count - 1];
		moved->corners[i].x = from->x + dx;
		moved->corners[i].y = from->y + dy;
	}
	return 0;
}

int seq_test_handle_pack(struct idlrt_request *idl_rq, const bool *bits, uint32_t bits_count, const int8_t *small,
			 uint32_t small_count, uint32_t *packed)
{
	(void)idl_rq;
	uint32_t value = 0;
	for (uint32_t i = 0; i < bits_count; i++)
		value = value << 1 | bits[i];
	for (uint32_t i = 0; i < small_count; i++)
		value = value << 8 | (uint8_t)small[i];
	*packed = value;
	return 0;
}
